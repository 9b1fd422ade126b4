package fr.vigie.formats.cybertip;

import java.util.List;

/**
 * One accepted CyberTipline report with its files, normalised (formats.md §2 rule 6).
 *
 * @param reportId NCMEC's report number, digits
 * @param receivedAt receipt by NCMEC, or null
 * @param incidentTime {@code incidentDateTime}
 * @param platform null when absent
 * @param escalate true when {@code escalateToHighPriority} is present and not "false"
 * @param annotations {@code reportAnnotations} flag element names as written
 * @param ipEvents every IP event of the report (persons, recipients, victims, peer-to-peer
 *     incidents, files), each with its owner
 * @param rawXml the {@code cyberTip} element as read, re-serialised: same elements, attributes
 *     and text, comments and processing instructions dropped, empty elements written open+close
 */
public record CyberTip(String reportId, EventTime receivedAt, IncidentType incidentType,
    EventTime incidentTime, String platform, boolean escalate, List<String> annotations,
    List<Party> reportedPersons, List<Party> intendedRecipients, List<Party> victims,
    List<IpEvent> ipEvents, List<ReportedFile> files, String rawXml) {

  public CyberTip {
    annotations = List.copyOf(annotations);
    reportedPersons = List.copyOf(reportedPersons);
    intendedRecipients = List.copyOf(intendedRecipients);
    victims = List.copyOf(victims);
    ipEvents = List.copyOf(ipEvents);
    files = List.copyOf(files);
  }
}
