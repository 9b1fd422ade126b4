package fr.vigie.app.attribution;

import java.time.Instant;

/**
 * A requisition to one operator for the subscribers behind a batch of IP events.
 *
 * @param status as stored: DRAFTED, SENT, ANSWERED or CANCELLED
 * @param effectiveStatus what people see: SENT past its due date is OVERDUE
 */
public record Requisition(long id, String reference, long operatorId, String operatorCode,
    String operatorName, String operatorContact, String operatorEmail, String operatorPortal,
    Long unitId, String unitCode, ProcedureType procedureType, String legalBasis,
    String procedureRef, String requestingOfficer, String status, String effectiveStatus,
    Instant createdAt, String createdBy, Instant sentAt, Instant dueAt, Instant answeredAt,
    long items, long answeredItems) {

  /** A new requisition's id and reference. */
  public record Ref(long id, String reference) {}

  public boolean overdue() {
    return "OVERDUE".equals(effectiveStatus);
  }
}
