package fr.vigie.app.attribution;

/**
 * The kind of procedure a requisition is made in, which decides the article of the Code de
 * procédure pénale (CPP) it quotes. Vigie proposes the article; the officer who signs checks it
 * (and, in a preliminary enquiry, the prosecutor's authorisation the article requires).
 */
public enum ProcedureType {
  /** Enquête de flagrance: the officer requisitions directly. */
  FLAGRANCE("60-1"),
  /** Enquête préliminaire: on the prosecutor's authorisation. */
  PRELIMINARY("77-1-1"),
  /** Information judiciaire: on a commission rogatoire of the investigating judge. */
  JUDICIAL_INVESTIGATION("99-3");

  private final String article;

  ProcedureType(String article) {
    this.article = article;
  }

  /** The article number, e.g. "77-1-1". */
  public String article() {
    return article;
  }

  /** The legal basis as written on the requisition. */
  public String legalBasis() {
    return "Article " + article + " du Code de procédure pénale";
  }
}
