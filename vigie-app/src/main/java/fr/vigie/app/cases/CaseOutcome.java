package fr.vigie.app.cases;

/** How a closed case ended: poursuites, classement, transmis à l'étranger, joint, autre. */
public enum CaseOutcome {
  PROSECUTION,
  NO_FURTHER_ACTION,
  SENT_ABROAD,
  JOINED,
  OTHER
}
