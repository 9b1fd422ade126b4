package fr.vigie.app.suspects;

import java.time.Instant;
import java.util.List;

/** A suspect to register, with its identifiers; unitCode may be null (not attributed yet). */
public record SuspectDraft(String reference, String displayName, String unitCode,
    String departementCode, Instant createdAt, List<SuspectIdentifier> identifiers) {

  public SuspectDraft {
    identifiers = List.copyOf(identifiers);
  }
}
