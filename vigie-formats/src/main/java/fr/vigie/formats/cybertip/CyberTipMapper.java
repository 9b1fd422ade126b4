package fr.vigie.formats.cybertip;

import static fr.vigie.formats.cybertip.Fields.quote;
import static fr.vigie.formats.cybertip.Fields.required;

import fr.vigie.formats.cybertip.Fields.Invalid;
import java.util.ArrayList;
import java.util.List;

/**
 * Validates and normalises one record's element tree (formats.md §2 rules 4 to 6): a
 * {@code cyberTip}, or a {@code report} with the fileDetails put beside it. The first problem
 * found rejects the record, naming the field and the document it sits in.
 */
final class CyberTipMapper {

  private CyberTipMapper() {}

  /** A {@code cyberTip} element: its {@code @reportId} is the report number. */
  static CyberTipOutcome envelope(XmlNode tip, String raw) {
    try {
      String reportId = tip.attr("reportId");
      if (reportId == null || reportId.isBlank()) {
        throw new Invalid(tip, "cyberTip/@reportId", "missing reportId");
      }
      reportId = reportId.strip();
      if (!reportId.matches("[0-9]{1,20}")) {
        throw new Invalid(tip, "cyberTip/@reportId", "reportId must be digits: "
            + quote(reportId));
      }
      String received = tip.attr("receivedAt");
      EventTime receivedAt = received == null || received.isBlank() ? null
          : Fields.time(tip, tip.path() + "/@receivedAt", received);
      XmlNode report = onlyReport(tip);
      for (XmlNode file : tip.children("fileDetails")) {
        XmlNode idNode = required(file, "reportId");
        if (!reportId.equals(idNode.text())) {
          throw new Invalid(idNode, idNode.path(), "fileDetails reportId " + quote(idNode.text())
              + " differs from the cyberTip's reportId " + reportId);
        }
      }
      return new CyberTipOutcome.Accepted(record(tip, report, reportId, false, receivedAt, raw));
    } catch (Invalid e) {
      return rejected(e, tip.attr("reportId"), raw);
    }
  }

  /**
   * A report without a number: {@code group} is a {@code reportDocuments} root holding the
   * {@code report} and the fileDetails that go with it, whose reportIds must agree.
   */
  static CyberTipOutcome bare(XmlNode group, ReportSource source, String raw) {
    try {
      XmlNode report = onlyReport(group);
      String filesReportId = null;
      XmlNode first = null;
      for (XmlNode file : group.children("fileDetails")) {
        XmlNode idNode = file.child("reportId");
        if (idNode == null || idNode.text() == null) {
          continue;
        }
        if (filesReportId == null) {
          filesReportId = idNode.text();
          first = file;
        } else if (!filesReportId.equals(idNode.text())) {
          throw new Invalid(idNode, idNode.path(), "fileDetails reportId " + quote(idNode.text())
              + " differs from " + quote(filesReportId) + " of " + first.path()
              + ": the files of one report name the same report");
        }
      }
      String id = DerivedId.of(source.code(), report);
      return new CyberTipOutcome.Accepted(record(group, report, id, true, null, raw), source,
          "CYBERTIP_XML");
    } catch (Invalid e) {
      return rejected(e, null, raw);
    }
  }

  private static XmlNode onlyReport(XmlNode parent) {
    List<XmlNode> reports = parent.children("report");
    if (reports.isEmpty()) {
      throw new Invalid(parent, parent.path() + "/report", "missing report");
    }
    if (reports.size() > 1) {
      throw new Invalid(reports.get(1), reports.get(1).path(), "more than one report");
    }
    return reports.get(0);
  }

  private static CyberTipOutcome.Rejected rejected(Invalid e, String reportId, String raw) {
    return new CyberTipOutcome.Rejected(e.node.file(), e.node.line, e.node.column, e.path,
        reportId, e.getMessage(), raw);
  }

  private static CyberTip record(XmlNode root, XmlNode report, String reportId, boolean derived,
      EventTime receivedAt, String raw) {
    XmlNode summary = required(report, "incidentSummary");
    XmlNode typeNode = required(summary, "incidentType");
    IncidentType type = IncidentType.fromLabel(typeNode.rawText());
    if (type == null) {
      throw new Invalid(typeNode, typeNode.path(), "unknown incidentType "
          + quote(typeNode.rawText()));
    }
    XmlNode when = required(summary, "incidentDateTime");
    EventTime incidentTime = Fields.time(when, when.path(), when.rawText());
    XmlNode escalate = summary.child("escalateToHighPriority");
    boolean escalated = escalate != null && !"false".equalsIgnoreCase(escalate.keep().text());
    List<String> annotations = Fields.flags(summary.child("reportAnnotations"));
    required(report, "reporter");

    List<IpEvent> allEvents = new ArrayList<>();
    int p2p = 0;
    for (XmlNode details : report.children("internetDetails")) {
      for (XmlNode incident : details.children("peer2peerIncident")) {
        p2p++;
        allEvents.addAll(Fields.ipEvents(incident, "peer2peerIncident[" + p2p + "]"));
      }
    }
    List<Party> reported = PartyFields.parties(report, "personOrUserReported",
        "personOrUserReportedPerson", Party.Role.REPORTED, allEvents);
    List<Party> recipients = PartyFields.parties(report, "intendedRecipient",
        "intendedRecipientPerson", Party.Role.INTENDED_RECIPIENT, allEvents);
    List<Party> victims = PartyFields.parties(report, "victim", "victimPerson",
        Party.Role.VICTIM, allEvents);

    List<ReportedFile> files = new ArrayList<>();
    List<XmlNode> fileNodes = root.children("fileDetails");
    for (int i = 0; i < fileNodes.size(); i++) {
      ReportedFile f = FileDetailsFields.file(fileNodes.get(i), "fileDetails[" + (i + 1) + "]");
      files.add(f);
      allEvents.addAll(f.ipEvents());
    }
    return new CyberTip(reportId, receivedAt, type, incidentTime, summary.text("platform"),
        escalated, annotations, reported, recipients, victims, allEvents, files, raw, derived,
        NotKeptList.of(root));
  }
}
