package fr.vigie.app.cases;

import java.time.Instant;
import java.util.List;

/** A case to open, for the suspects given (by id), carried by the unit given (by code). */
public record CaseDraft(String reference, String title, String unitCode, Instant openedAt,
    String openedBy, List<Long> suspectIds) {

  public CaseDraft {
    suspectIds = List.copyOf(suspectIds);
  }
}
