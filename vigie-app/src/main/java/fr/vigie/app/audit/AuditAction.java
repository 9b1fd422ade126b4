package fr.vigie.app.audit;

/** What was done. Reads of sensitive records are actions too: every look is on the record. */
public enum AuditAction {
  SIGN_IN,
  SIGN_IN_FAILED,
  SIGN_OUT,
  ACCOUNT_LOCKED,
  READ,
  CREATE,
  UPDATE,
  DELETE,
  EXPORT,
  REVEAL_MEDIA,
  DENIED,
  ADMIN
}
