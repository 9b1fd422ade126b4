package fr.vigie.app.matching;

import fr.vigie.app.jobs.JobPayload;

/**
 * The payload of a {@code match-import} job: the import run whose reports' media are matched.
 * JSON: {@code {"importJobId":42}}.
 */
record MatchImportRun(long importJobId) implements JobPayload {

  MatchImportRun {
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
