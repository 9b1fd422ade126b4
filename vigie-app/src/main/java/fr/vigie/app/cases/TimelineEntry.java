package fr.vigie.app.cases;

import java.time.Instant;

/** One line of a case's timeline: a transition, a note, a task, an exhibit, an export. */
public record TimelineEntry(long id, Instant occurredAt, String actor, String kind,
    String detail) {

  /** Kinds of entries; exports are kept out of the export's own manifest (see CaseExport). */
  public static final String EXPORTED = "EXPORTED";
}
