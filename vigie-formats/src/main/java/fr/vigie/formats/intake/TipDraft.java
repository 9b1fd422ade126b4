package fr.vigie.formats.intake;

import fr.vigie.formats.cybertip.Address;
import fr.vigie.formats.cybertip.CyberTip;
import fr.vigie.formats.cybertip.Email;
import fr.vigie.formats.cybertip.EventTime;
import fr.vigie.formats.cybertip.FileHash;
import fr.vigie.formats.cybertip.FileRelevance;
import fr.vigie.formats.cybertip.IncidentType;
import fr.vigie.formats.cybertip.IndustryClassification;
import fr.vigie.formats.cybertip.IpEvent;
import fr.vigie.formats.cybertip.Party;
import fr.vigie.formats.cybertip.Phone;
import fr.vigie.formats.cybertip.ReportSource;
import fr.vigie.formats.cybertip.ReportedFile;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A report being read from JSON Lines or CSV, filled field by field, then frozen into the same
 * {@link CyberTip} the XML path gives.
 */
final class TipDraft {

  String reportId;
  String sourceCode;
  String sourceName;
  String sourceKind;
  String sourceCountry;
  EventTime receivedAt;
  IncidentType incidentType;
  EventTime incidentTime;
  String platform;
  boolean escalate;
  final List<String> annotations = new ArrayList<>();
  final List<PartyDraft> parties = new ArrayList<>();
  final List<IpEvent> reportEvents = new ArrayList<>();
  final List<FileDraft> files = new ArrayList<>();

  /** Names the first required field that is missing, or null when none is. */
  String missing() {
    if (reportId == null) {
      return "reportId";
    }
    if (sourceCode == null) {
      return "source.code";
    }
    if (sourceName == null) {
      return "source.name";
    }
    if (sourceKind == null) {
      return "source.kind";
    }
    if (incidentType == null) {
      return "incidentType";
    }
    if (incidentTime == null) {
      return "incidentTime";
    }
    return null;
  }

  ReportSource source() {
    return new ReportSource(sourceCode, sourceName, sourceKind, sourceCountry);
  }

  /** The key under which a repeat is detected; bare for NCMEC, as the XML path keys it. */
  String seenKey() {
    return "NCMEC".equals(sourceCode) ? reportId : sourceCode + "\u0000" + reportId;
  }

  CyberTip build(String raw) {
    List<IpEvent> all = new ArrayList<>(reportEvents);
    List<Party> reported = new ArrayList<>();
    List<Party> recipients = new ArrayList<>();
    List<Party> victims = new ArrayList<>();
    for (PartyDraft p : parties) {
      Party party = p.build();
      all.addAll(party.ipEvents());
      switch (party.role()) {
        case REPORTED -> reported.add(party);
        case INTENDED_RECIPIENT -> recipients.add(party);
        case VICTIM -> victims.add(party);
      }
    }
    List<ReportedFile> built = new ArrayList<>();
    for (FileDraft f : files) {
      ReportedFile file = f.build();
      all.addAll(file.ipEvents());
      built.add(file);
    }
    return new CyberTip(reportId, receivedAt, incidentType, incidentTime, platform, escalate,
        annotations, reported, recipients, victims, all, built, raw);
  }

  /** A person of the report. */
  static final class PartyDraft {
    final Party.Role role;
    final String owner;
    String firstName;
    String lastName;
    LocalDate dateOfBirth;
    Integer age;
    final List<Email> emails = new ArrayList<>();
    final List<Phone> phones = new ArrayList<>();
    final List<Address> addresses = new ArrayList<>();
    final List<String> screenNames = new ArrayList<>();
    final List<String> displayNames = new ArrayList<>();
    final List<String> accountIds = new ArrayList<>();
    String service;
    final List<String> profileUrls = new ArrayList<>();
    String schoolName;
    final List<IpEvent> ipEvents = new ArrayList<>();

    PartyDraft(Party.Role role, String owner) {
      this.role = role;
      this.owner = owner;
    }

    Party build() {
      return new Party(role, firstName, lastName, dateOfBirth, age, emails, phones, addresses,
          screenNames, displayNames, accountIds, service, profileUrls, schoolName, ipEvents);
    }
  }

  /** A file of the report. */
  static final class FileDraft {
    final String owner;
    String fileId;
    String name;
    final List<FileHash> hashes = new ArrayList<>();
    IndustryClassification classification;
    FileRelevance relevance;
    final List<IpEvent> ipEvents = new ArrayList<>();

    FileDraft(String owner) {
      this.owner = owner;
    }

    ReportedFile build() {
      return new ReportedFile(fileId, name, hashes, classification, relevance, List.of(),
          List.of(), ipEvents);
    }
  }
}
