package fr.vigie.formats.cybertip;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Validates and normalises one cyberTip element tree (formats.md §2 rules 4 to 6). The first
 * problem found rejects the record, naming the field.
 */
final class CyberTipMapper {

  private final String file;

  CyberTipMapper(String file) {
    this.file = file;
  }

  /** Thrown inside the mapper only; carries the field at fault. */
  private static final class Invalid extends RuntimeException {
    final XmlNode node;
    final String path;

    Invalid(XmlNode node, String path, String reason) {
      super(reason, null, false, false);
      this.node = node;
      this.path = path;
    }
  }

  CyberTipOutcome map(XmlNode tip, String raw) {
    try {
      return new CyberTipOutcome.Accepted(tip(tip, raw));
    } catch (Invalid e) {
      return new CyberTipOutcome.Rejected(file, e.node.line, e.node.column, e.path,
          tip.attr("reportId"), e.getMessage(), raw);
    }
  }

  private CyberTip tip(XmlNode tip, String raw) {
    String reportId = tip.attr("reportId");
    if (reportId == null || reportId.isBlank()) {
      throw new Invalid(tip, "cyberTip/@reportId", "missing reportId");
    }
    reportId = reportId.strip();
    if (!reportId.matches("[0-9]{1,20}")) {
      throw new Invalid(tip, "cyberTip/@reportId", "reportId must be digits: " + quote(reportId));
    }
    String received = tip.attr("receivedAt");
    EventTime receivedAt = received == null || received.isBlank() ? null
        : time(tip, tip.path() + "/@receivedAt", received);
    List<XmlNode> reports = tip.children("report");
    if (reports.isEmpty()) {
      throw new Invalid(tip, tip.path() + "/report", "missing report");
    }
    if (reports.size() > 1) {
      throw new Invalid(reports.get(1), reports.get(1).path(), "more than one report");
    }
    XmlNode report = reports.get(0);
    XmlNode summary = required(report, "incidentSummary");
    XmlNode typeNode = required(summary, "incidentType");
    IncidentType type = IncidentType.fromLabel(typeNode.text.toString());
    if (type == null) {
      throw new Invalid(typeNode, typeNode.path(),
          "unknown incidentType " + quote(typeNode.text.toString()));
    }
    XmlNode when = required(summary, "incidentDateTime");
    EventTime incidentTime = time(when, when.path(), when.text.toString());
    XmlNode escalate = summary.child("escalateToHighPriority");
    boolean escalated = escalate != null && !"false".equalsIgnoreCase(escalate.text());
    List<String> annotations = flags(summary.child("reportAnnotations"));
    required(report, "reporter");

    List<IpEvent> allEvents = new ArrayList<>();
    int p2p = 0;
    for (XmlNode details : report.children("internetDetails")) {
      for (XmlNode incident : details.children("peer2peerIncident")) {
        p2p++;
        allEvents.addAll(ipEvents(incident, "peer2peerIncident[" + p2p + "]"));
      }
    }
    List<Party> reported = parties(report, "personOrUserReported", "personOrUserReportedPerson",
        Party.Role.REPORTED, allEvents);
    List<Party> recipients = parties(report, "intendedRecipient", "intendedRecipientPerson",
        Party.Role.INTENDED_RECIPIENT, allEvents);
    List<Party> victims = parties(report, "victim", "victimPerson", Party.Role.VICTIM, allEvents);

    List<ReportedFile> files = new ArrayList<>();
    List<XmlNode> fileNodes = tip.children("fileDetails");
    for (int i = 0; i < fileNodes.size(); i++) {
      ReportedFile f = file(fileNodes.get(i), reportId, "fileDetails[" + (i + 1) + "]");
      files.add(f);
      allEvents.addAll(f.ipEvents());
    }
    return new CyberTip(reportId, receivedAt, type, incidentTime, summary.text("platform"),
        escalated, annotations, reported, recipients, victims, allEvents, files, raw);
  }

  private List<Party> parties(XmlNode report, String element, String personElement,
      Party.Role role, List<IpEvent> allEvents) {
    List<Party> out = new ArrayList<>();
    List<XmlNode> nodes = report.children(element);
    for (int i = 0; i < nodes.size(); i++) {
      Party party = party(nodes.get(i), personElement, role, element + "[" + (i + 1) + "]");
      out.add(party);
      allEvents.addAll(party.ipEvents());
    }
    return out;
  }

  private Party party(XmlNode node, String personElement, Party.Role role, String owner) {
    XmlNode person = node.child(personElement);
    String firstName = null;
    String lastName = null;
    LocalDate dob = null;
    Integer age = null;
    List<Email> emails = new ArrayList<>();
    List<Phone> phones = new ArrayList<>();
    List<Address> addresses = new ArrayList<>();
    if (person != null) {
      firstName = person.text("firstName");
      lastName = person.text("lastName");
      XmlNode dobNode = person.child("dateOfBirth");
      if (dobNode != null && dobNode.text() != null) {
        try {
          dob = LocalDate.parse(dobNode.text());
        } catch (DateTimeParseException e) {
          throw new Invalid(dobNode, dobNode.path(), "impossible date " + quote(dobNode.text()));
        }
      }
      XmlNode ageNode = person.child("age");
      if (ageNode != null && ageNode.text() != null) {
        if (!ageNode.text().matches("[0-9]{1,3}") || Integer.parseInt(ageNode.text()) > 130) {
          throw new Invalid(ageNode, ageNode.path(), "age must be 0 to 130: "
              + quote(ageNode.text()));
        }
        age = Integer.parseInt(ageNode.text());
      }
      for (XmlNode e : person.children("email")) {
        if (e.text() != null) {
          emails.add(Email.of(e.text.toString()));
        }
      }
      for (XmlNode p : person.children("phone")) {
        if (p.text() != null) {
          phones.add(Phone.of(p.text(), p.attr("countryCallingCode"), p.attr("extension")));
        }
      }
      for (XmlNode a : person.children("address")) {
        String state = a.text("state") != null ? a.text("state") : a.text("nonUsaState");
        addresses.add(new Address(a.attr("type"), a.text("address"), a.text("city"),
            a.text("zipCode"), state, a.text("country")));
      }
    }
    return new Party(role, firstName, lastName, dob, age, emails, phones, addresses,
        texts(node, "screenName"), texts(node, "displayName"), texts(node, "espIdentifier"),
        node.text("espService"), texts(node, "profileUrl"),
        role == Party.Role.VICTIM ? node.text("schoolName") : null, ipEvents(node, owner));
  }

  private ReportedFile file(XmlNode node, String reportId, String owner) {
    XmlNode idNode = required(node, "reportId");
    if (!reportId.equals(idNode.text())) {
      throw new Invalid(idNode, idNode.path(), "fileDetails reportId " + quote(idNode.text())
          + " differs from the cyberTip's reportId " + reportId);
    }
    String fileId = required(node, "fileId").text();
    List<FileHash> hashes = new ArrayList<>();
    for (XmlNode h : node.children("originalFileHash")) {
      String type = h.attr("hashType");
      if (type == null || type.isBlank()) {
        throw new Invalid(h, h.path() + "/@hashType", "missing hashType");
      }
      if (type.length() > 64) {
        throw new Invalid(h, h.path() + "/@hashType", "hashType longer than 64 characters");
      }
      FileHash.Algorithm algorithm = FileHash.Algorithm.of(type);
      String value = h.text() == null ? "" : h.text();
      String problem = FileHash.problem(algorithm, value);
      if (problem != null) {
        throw new Invalid(h, h.path(), problem + ": " + quote(value));
      }
      hashes.add(new FileHash(type, algorithm, algorithm == FileHash.Algorithm.OTHER ? value
          : value.toLowerCase(java.util.Locale.ROOT)));
    }
    IndustryClassification classification = null;
    XmlNode c = node.child("industryClassification");
    if (c != null && c.text() != null) {
      classification = IndustryClassification.fromText(c.text());
      if (classification == null) {
        throw new Invalid(c, c.path(), "unknown industryClassification " + quote(c.text()));
      }
    }
    FileRelevance relevance = null;
    XmlNode r = node.child("fileRelevance");
    if (r != null && r.text() != null) {
      relevance = FileRelevance.fromText(r.text());
      if (relevance == null) {
        throw new Invalid(r, r.path(), "unknown fileRelevance " + quote(r.text()));
      }
    }
    List<ReportedFile.Detail> details = new ArrayList<>();
    for (XmlNode d : node.children("details")) {
      for (XmlNode pair : d.children("nameValuePair")) {
        String type = pair.attr("type") != null ? pair.attr("type") : d.attr("type");
        details.add(new ReportedFile.Detail(type, pair.text("name"), pair.text("value")));
      }
    }
    return new ReportedFile(fileId, node.text("originalFileName"), hashes, classification,
        relevance, flags(node.child("fileAnnotations")), details, ipEvents(node, owner));
  }

  private List<IpEvent> ipEvents(XmlNode parent, String owner) {
    List<IpEvent> out = new ArrayList<>();
    for (XmlNode e : parent.children("ipCaptureEvent")) {
      XmlNode ipNode = required(e, "ipAddress");
      String ip = IpAddresses.canonical(ipNode.text.toString());
      if (ip == null) {
        throw new Invalid(ipNode, ipNode.path(), "invalid IP address "
            + quote(ipNode.text.toString()));
      }
      Integer port = null;
      XmlNode portNode = e.child("port");
      if (portNode != null && portNode.text() != null) {
        String p = portNode.text();
        if (!p.matches("[0-9]{1,5}") || Integer.parseInt(p) < 1 || Integer.parseInt(p) > 65535) {
          throw new Invalid(portNode, portNode.path(), "port outside 1-65535: " + quote(p));
        }
        port = Integer.parseInt(p);
      }
      IpEventName name = null;
      XmlNode nameNode = e.child("eventName");
      if (nameNode != null && nameNode.text() != null) {
        name = IpEventName.fromText(nameNode.text());
        if (name == null) {
          throw new Invalid(nameNode, nameNode.path(), "unknown eventName "
              + quote(nameNode.text()));
        }
      }
      XmlNode timeNode = e.child("dateTime");
      EventTime time = timeNode == null || timeNode.text() == null ? null
          : time(timeNode, timeNode.path(), timeNode.text());
      XmlNode proxy = e.child("possibleProxy");
      boolean possibleProxy = proxy != null && !"false".equalsIgnoreCase(proxy.text());
      out.add(new IpEvent(ipNode.text.toString().strip(), ip, port, time, name, possibleProxy,
          owner));
    }
    return out;
  }

  private static EventTime time(XmlNode node, String path, String text) {
    try {
      return EventTime.parse(text);
    } catch (DateTimeParseException e) {
      throw new Invalid(node, path, "impossible or malformed dateTime " + quote(text));
    }
  }

  private static XmlNode required(XmlNode parent, String name) {
    XmlNode c = parent.child(name);
    if (c == null || (c.children().isEmpty() && c.text() == null && !isContainer(name))) {
      throw new Invalid(c == null ? parent : c, parent.path() + "/" + name, "missing " + name);
    }
    return c;
  }

  private static boolean isContainer(String name) {
    return name.equals("incidentSummary") || name.equals("reporter");
  }

  private static List<String> flags(XmlNode parent) {
    List<String> out = new ArrayList<>();
    if (parent != null) {
      for (XmlNode f : parent.children()) {
        out.add(f.name);
      }
    }
    return out;
  }

  private static List<String> texts(XmlNode parent, String name) {
    List<String> out = new ArrayList<>();
    for (XmlNode n : parent.children(name)) {
      if (n.text() != null) {
        out.add(n.text());
      }
    }
    return out;
  }

  private static String quote(String value) {
    String v = value == null ? "" : value.strip();
    return "\"" + (v.length() > 100 ? v.substring(0, 100) + "…" : v) + "\"";
  }
}
