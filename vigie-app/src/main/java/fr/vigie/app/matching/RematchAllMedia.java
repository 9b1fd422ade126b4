package fr.vigie.app.matching;

import fr.vigie.app.jobs.JobPayload;

/**
 * The payload of the {@code rematch-media} job: every stored media item, against the active
 * sets as they are when the job runs. JSON: {@code {}}.
 */
record RematchAllMedia() implements JobPayload {

  /** One such job; asked for again, it runs again (after the run under way, if any). */
  @Override
  public String key() {
    return "all";
  }
}
