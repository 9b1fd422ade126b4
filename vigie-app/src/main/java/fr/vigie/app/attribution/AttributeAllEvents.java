package fr.vigie.app.attribution;

import fr.vigie.app.jobs.JobPayload;

/**
 * The payload of the {@code attribute-all} job: every stored IP event, with the GeoIP databases
 * and operators directory as they are when it runs. JSON: {@code {}}.
 */
public record AttributeAllEvents() implements JobPayload {

  /** One such job; asked for again, it runs again (after the run under way, if any). */
  @Override
  public String key() {
    return "all";
  }
}
