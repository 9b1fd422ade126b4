package fr.vigie.app.audit;

import fr.vigie.app.web.VisibleText;
import java.util.Objects;

/**
 * One thing to put on the record.
 *
 * @param actor username, or "anonymous" / "system"
 * @param actorRole the actor's role, when known
 * @param objectType what kind of record was touched (e.g. "suspect"), null for sign-ins
 * @param objectId its id, as text
 * @param scopeUnitId the unit the record belongs to, when it belongs to one
 * @param clientAddress the client's IP address as the server saw it
 * @param outcome SUCCESS, FAILURE, DENIED or NOT_FOUND
 * @param detail free text (e.g. filters of an export)
 * @param reason the reason typed by the user, where one is required (media reveal, override)
 */
public record AuditEvent(String actor, String actorRole, AuditAction action, String objectType,
    String objectId, Long scopeUnitId, String clientAddress, String outcome, String detail,
    String reason) {

  public AuditEvent {
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(outcome, "outcome");
    // Text from outside (a file name, a typed reason) may hold a NUL, which PostgreSQL text
    // refuses: the entry would not be written at all. Made storable here, before the entry's
    // hash is computed, so that the chain covers what is stored.
    actor = VisibleText.storable(actor);
    objectType = VisibleText.storable(objectType);
    objectId = VisibleText.storable(objectId);
    clientAddress = VisibleText.storable(clientAddress);
    detail = VisibleText.storable(detail);
    reason = VisibleText.storable(reason);
  }

  /** A successful action on a record. */
  public static AuditEvent of(String actor, String actorRole, AuditAction action,
      String objectType, Object objectId, Long scopeUnitId, String clientAddress) {
    return new AuditEvent(actor, actorRole, action, objectType,
        objectId == null ? null : objectId.toString(), scopeUnitId, clientAddress, "SUCCESS",
        null, null);
  }

  public AuditEvent withOutcome(String newOutcome) {
    return new AuditEvent(actor, actorRole, action, objectType, objectId, scopeUnitId,
        clientAddress, newOutcome, detail, reason);
  }

  public AuditEvent withDetail(String newDetail) {
    return new AuditEvent(actor, actorRole, action, objectType, objectId, scopeUnitId,
        clientAddress, outcome, newDetail, reason);
  }

  public AuditEvent withReason(String newReason) {
    return new AuditEvent(actor, actorRole, action, objectType, objectId, scopeUnitId,
        clientAddress, outcome, detail, newReason);
  }
}
