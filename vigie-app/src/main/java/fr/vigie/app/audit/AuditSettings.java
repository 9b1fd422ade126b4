package fr.vigie.app.audit;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The audit log's settings ({@code vigie.audit.*}).
 *
 * @param checkpoints the folder of the signed checkpoints ({@code VIGIE_AUDIT_CHECKPOINTS});
 *     empty: {@code $VIGIE_HOME/audit-checkpoints}
 * @param checkpointEvery a checkpoint at least every this many entries
 *     ({@code VIGIE_AUDIT_CHECKPOINT_EVERY})
 * @param checkpointInterval and at the first entry appended once this long has passed since the
 *     last one ({@code VIGIE_AUDIT_CHECKPOINT_INTERVAL}), whichever comes first
 */
@ConfigurationProperties("vigie.audit")
public record AuditSettings(
    @DefaultValue("") String checkpoints,
    @DefaultValue("1000") long checkpointEvery,
    @DefaultValue("10m") Duration checkpointInterval) {

  public AuditSettings {
    if (checkpointEvery < 1) {
      throw new IllegalArgumentException("vigie.audit.checkpoint-every must be at least 1: "
          + checkpointEvery);
    }
    if (checkpointInterval.isNegative() || checkpointInterval.isZero()) {
      throw new IllegalArgumentException("vigie.audit.checkpoint-interval must be positive: "
          + checkpointInterval);
    }
  }
}
