package fr.vigie.app.attribution;

import fr.vigie.app.jobs.JobPayload;

/**
 * The payload of an {@code attribute-import} job: the import run whose IP events are attributed.
 * JSON: {@code {"importJobId":42}}.
 */
public record AttributeImportRun(long importJobId) implements JobPayload {

  public AttributeImportRun {
    if (importJobId <= 0) {
      throw new IllegalArgumentException("importJobId must be positive: " + importJobId);
    }
  }

  /** One job per import run. */
  @Override
  public String key() {
    return Long.toString(importJobId);
  }
}
