package fr.vigie.app.jobs;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The job worker's settings ({@code vigie.jobs.*}).
 *
 * @param workerEnabled whether this process runs jobs (the server does; one-shot commands don't)
 * @param pollInterval how long the worker sleeps when the queue is empty
 * @param batchSize how many jobs one claim takes
 * @param maxAttempts attempts before a job is given up (FAILED, with its last error)
 * @param lease how long a claim holds without news from its worker; past it, another worker
 *     takes the job over (its node is taken for dead)
 * @param heartbeat how often the worker renews the leases of the jobs it holds; at most half the
 *     lease, so that one missed beat (a slow database) loses nothing
 * @param nodeId the name this node claims jobs under ({@code jobs.claimed_by}); empty: the
 *     process, as {@code pid@host}
 */
@ConfigurationProperties("vigie.jobs")
public record JobSettings(
    @DefaultValue("true") boolean workerEnabled,
    @DefaultValue("1s") Duration pollInterval,
    @DefaultValue("20") int batchSize,
    @DefaultValue("5") int maxAttempts,
    @DefaultValue("5m") Duration lease,
    @DefaultValue("30s") Duration heartbeat,
    @DefaultValue("") String nodeId) {

  public JobSettings {
    if (batchSize < 1 || maxAttempts < 1) {
      throw new IllegalArgumentException("vigie.jobs.batch-size (" + batchSize
          + ") and vigie.jobs.max-attempts (" + maxAttempts + ") must be at least 1");
    }
    if (heartbeat.isNegative() || heartbeat.isZero()
        || heartbeat.multipliedBy(2).compareTo(lease) > 0) {
      throw new IllegalArgumentException("vigie.jobs.heartbeat (" + heartbeat
          + ") must be positive and at most half of vigie.jobs.lease (" + lease + ")");
    }
    if (nodeId.length() > 100) {
      throw new IllegalArgumentException("vigie.jobs.node-id is longer than 100 characters: "
          + nodeId);
    }
  }
}
