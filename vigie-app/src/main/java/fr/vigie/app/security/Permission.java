package fr.vigie.app.security;

/**
 * What an endpoint lets its caller do. {@link AccessMatrix} says which role holds which; every
 * controller method names one with {@link RequiresPermission} (or is {@link PublicEndpoint}).
 */
public enum Permission {
  /** Anyone signed in: their own account (e.g. GET /api/me). */
  SELF,
  DASHBOARD,
  STATISTICS_READ,
  REPORTS_READ,
  REPORTS_IMPORT,
  /** Move, assign and prioritise reports (a unit: those given to it or to the caller). */
  REPORTS_WORK,
  SUSPECTS_READ,
  SUSPECTS_WRITE,
  CASES_READ,
  CASES_WRITE,
  /** The "Mon travail" page: one's own cases, tasks and queue of reports. */
  MY_WORK,
  /** IP events' attribution, foreign referrals, requisitions and answers (read). */
  ATTRIBUTION_READ,
  /** Draft, send and cancel requisitions; import operators' answers; re-run attribution. */
  REQUISITIONS_MANAGE,
  OPERATIONS_READ,
  OPERATIONS_MANAGE,
  HASH_SETS_READ,
  HASH_SETS_MANAGE,
  MEDIA_REVEAL,
  P2P_READ,
  P2P_SUBMIT,
  AUDIT_READ,
  AUDIT_EXPORT,
  ADMINISTER
}
