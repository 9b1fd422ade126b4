package fr.vigie.app.cases;

import java.time.Instant;

/** A note on a case; an edited note shows who edited it last, and when. */
public record CaseNote(long id, String body, Instant writtenAt, String writtenBy,
    Instant editedAt, String editedBy) {}
