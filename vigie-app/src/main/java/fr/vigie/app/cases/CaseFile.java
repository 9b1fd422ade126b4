package fr.vigie.app.cases;

import java.time.Instant;
import java.util.List;

/**
 * A case (dossier): reference, title, the unit that carries it, its status, and the references
 * of its suspects.
 */
public record CaseFile(long id, String reference, String title, Long unitId, String unitCode,
    String status, Instant openedAt, String openedBy, List<String> suspectReferences) {

  public CaseFile {
    suspectReferences = List.copyOf(suspectReferences);
  }
}
