package fr.vigie.app.attribution;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One IP event with where attribution sent it and why.
 *
 * @param outcome FRANCE, FOREIGN, PORT_NEEDED, EXPIRED or UNATTRIBUTED
 * @param reasonCode for UNATTRIBUTED, which reason ({@link fr.vigie.geo.UnattributedReason})
 * @param reason the reason in plain English, with its facts
 * @param requisitionRef the requisition that asked for it, if one did
 */
public record AttributedEvent(long ipEventId, long reportId, String reportRef, String ip,
    Integer port, Instant occurredAt, String outcome, String reasonCode, String reason,
    String country, Long asn, String asOrganization, String operatorCode, String operatorName,
    String cgnatRange, LocalDate expiredOn, Instant attributedAt, String requisitionRef) {}
