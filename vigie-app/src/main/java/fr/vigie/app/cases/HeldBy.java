package fr.vigie.app.cases;

/**
 * A case that holds a suspect.
 *
 * @param visible whether the caller may see the case (else only its reference is shown, and no
 *     link)
 */
public record HeldBy(long suspectId, String suspectReference, long caseId, String caseReference,
    String caseTitle, String status, boolean visible) {

  public boolean open() {
    return !CaseStatus.CLOSED.name().equals(status);
  }
}
