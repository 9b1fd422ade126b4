package fr.vigie.app.attribution;

import java.time.Instant;

/**
 * One line of a requisition, with the operator's answer once imported.
 *
 * @param subscriber the answer for this line, null while none
 */
public record RequisitionItem(long id, long ipEventId, String ip, Integer port,
    Instant occurredAt, String reportRef, Subscriber subscriber) {}
