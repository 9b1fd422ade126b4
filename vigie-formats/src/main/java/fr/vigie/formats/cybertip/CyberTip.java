package fr.vigie.formats.cybertip;

import java.util.List;

/**
 * One accepted CyberTipline report with its files, normalised (formats.md §2 rule 6).
 *
 * @param reportId NCMEC's report number (digits), the source's own id (JSON Lines, CSV, form),
 *     or, for a {@code <report>} document that has none, an id derived from its content
 *     ({@link #reportIdDerived()}, starting with {@link #DERIVED_ID_PREFIX})
 * @param receivedAt receipt by NCMEC, or null
 * @param incidentTime {@code incidentDateTime}
 * @param platform null when absent
 * @param escalate true when {@code escalateToHighPriority} is present and not "false"
 * @param annotations {@code reportAnnotations} flag element names as written
 * @param ipEvents every IP event of the report (persons, recipients, victims, peer-to-peer
 *     incidents, files), each with its owner
 * @param rawXml the record as read, re-serialised: same elements, attributes and text, comments
 *     and processing instructions dropped, empty elements written open+close. A {@code cyberTip}
 *     element; a {@code report} element; or, for a report read with separate fileDetails
 *     documents, {@code <reportDocuments>} holding the report and its fileDetails. It reads back
 *     to the same record.
 * @param reportIdDerived true when no document gave a report number and {@code reportId} was
 *     derived from the report's content and its source (show it as such: it is no NCMEC number)
 * @param notKept every element and attribute of the record that no field holds, in document
 *     order; empty for the formats Vigie defines (JSON Lines and CSV reject unknown fields)
 */
public record CyberTip(String reportId, EventTime receivedAt, IncidentType incidentType,
    EventTime incidentTime, String platform, boolean escalate, List<String> annotations,
    List<Party> reportedPersons, List<Party> intendedRecipients, List<Party> victims,
    List<IpEvent> ipEvents, List<ReportedFile> files, String rawXml, boolean reportIdDerived,
    List<NotKept> notKept) {

  /** How every derived report id starts: {@code derived-} then 32 lower-case hex digits. */
  public static final String DERIVED_ID_PREFIX = "derived-";

  public CyberTip {
    annotations = List.copyOf(annotations);
    reportedPersons = List.copyOf(reportedPersons);
    intendedRecipients = List.copyOf(intendedRecipients);
    victims = List.copyOf(victims);
    ipEvents = List.copyOf(ipEvents);
    files = List.copyOf(files);
    notKept = List.copyOf(notKept);
    // The flag, not the prefix, says an id is derived: a source's own id may start the same.
    if (reportIdDerived && (reportId == null || !reportId.startsWith(DERIVED_ID_PREFIX))) {
      throw new IllegalArgumentException("a derived report id starts with " + DERIVED_ID_PREFIX
          + ": " + reportId);
    }
  }

  /** A report whose id was given by its source, with nothing left unread. */
  public CyberTip(String reportId, EventTime receivedAt, IncidentType incidentType,
      EventTime incidentTime, String platform, boolean escalate, List<String> annotations,
      List<Party> reportedPersons, List<Party> intendedRecipients, List<Party> victims,
      List<IpEvent> ipEvents, List<ReportedFile> files, String rawXml) {
    this(reportId, receivedAt, incidentType, incidentTime, platform, escalate, annotations,
        reportedPersons, intendedRecipients, victims, ipEvents, files, rawXml, false, List.of());
  }
}
