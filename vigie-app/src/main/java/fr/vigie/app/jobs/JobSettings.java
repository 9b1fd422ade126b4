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
 */
@ConfigurationProperties("vigie.jobs")
public record JobSettings(
    @DefaultValue("true") boolean workerEnabled,
    @DefaultValue("1s") Duration pollInterval,
    @DefaultValue("20") int batchSize,
    @DefaultValue("5") int maxAttempts) {}
