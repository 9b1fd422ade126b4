package fr.vigie.app.intake.internal;

import fr.vigie.formats.cybertip.Address;
import fr.vigie.formats.cybertip.CyberTip;
import fr.vigie.formats.cybertip.DeviceId;
import fr.vigie.formats.cybertip.Email;
import fr.vigie.formats.cybertip.EventTime;
import fr.vigie.formats.cybertip.FileHash;
import fr.vigie.formats.cybertip.IpEvent;
import fr.vigie.formats.cybertip.Party;
import fr.vigie.formats.cybertip.Phone;
import fr.vigie.formats.cybertip.ReportedFile;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The rows one accepted CyberTip becomes, before any of them is written (a dry run counts them,
 * an import inserts them).
 *
 * <p>Times: an instant with a written offset is stored in UTC with that offset beside it. An
 * incident time written without an offset is not stored as an instant ({@code incident_at} null;
 * the raw record keeps it). An IP event time without an offset keeps its wall-clock time read as
 * UTC with {@code offset_missing} set, so attribution sees it flagged, never silently assumed; an
 * IP event without any time has no instant and {@code offset_missing} set. Device ids follow the
 * IP events' rule.
 *
 * <p>Device ids of a person are also identifiers of kind DEVICE_ID (linking's SAME_DEVICE rule);
 * those of a file have no person and are device rows only. Whatever the record holds that no
 * column does is in {@link #notKept} ({@link NotStored}).
 *
 * @param externalIdDerived the report id was derived from the content ({@code derived-…})
 * @param annotations {@code reportAnnotations} flags, comma-separated, or null
 * @param devices every device id, each with the index of its person in {@link #persons} (null
 *     for a file's)
 */
public record CyberTipRows(String incidentType, Instant incidentAt, String incidentOffset,
    Instant receivedAt, String platform, boolean highPriority, List<PersonRow> persons,
    List<IpEventRow> ipEvents, List<MediaRow> media, List<HintRow> victimHints,
    boolean externalIdDerived, String annotations, List<DeviceRow> devices,
    List<NotKeptRow> notKept) {

  public record PersonRow(String role, String firstName, String lastName, LocalDate dateOfBirth,
      Integer age, String address, String postalCode, String city, String country,
      List<IdentifierRow> identifiers) {}

  public record IdentifierRow(String kind, String platform, String original, String normalized,
      String canonicalKey) {}

  /** @param owner whose event: {@code personOrUserReported[1]}, {@code fileDetails[2]}… */
  public record IpEventRow(String ipOriginal, String ip, int ipVersion, Integer port,
      Instant occurredAt, String originalOffset, boolean offsetMissing, String eventName,
      String owner, boolean possibleProxy) {}

  /**
   * @param declaredReportId the reportId the file's fileDetails names, as written
   * @param annotations {@code fileAnnotations} flags, comma-separated, or null
   */
  public record MediaRow(String fileName, String md5, String sha1, String sha256,
      String externalFileId, String classification, String relevance, String annotations,
      String declaredReportId) {}

  public record HintRow(String kind, String description) {}

  /** @param personIndex the index of the owner in {@link #persons}, null for a file's device */
  public record DeviceRow(Integer personIndex, String owner, String idType, String idValue,
      String canonicalKey, String eventName, Instant occurredAt, String originalOffset,
      boolean offsetMissing) {}

  /** @param kind NOT_MAPPED, UNKNOWN (the reader's), NOT_STORED (read, no column) or MORE */
  public record NotKeptRow(String path, String value, String kind) {}

  /**
   * Maps a tip; {@code importedAt} stands for the receipt time when the tip gives none (with an
   * offset).
   */
  public static CyberTipRows of(CyberTip tip, Instant importedAt) {
    EventTime incident = tip.incidentTime();
    EventTime received = tip.receivedAt();
    List<PersonRow> persons = new ArrayList<>();
    List<HintRow> hints = new ArrayList<>();
    List<DeviceRow> devices = new ArrayList<>();
    for (Party p : tip.reportedPersons()) {
      persons.add(person("REPORTED", p, tip.platform(), persons.size(), devices));
    }
    for (Party p : tip.intendedRecipients()) {
      persons.add(person("RECIPIENT", p, tip.platform(), persons.size(), devices));
    }
    int n = 0;
    for (Party p : tip.victims()) {
      persons.add(person("VICTIM", p, tip.platform(), persons.size(), devices));
      hints.addAll(hints(p, "victim[" + ++n + "]"));
    }
    for (ReportedFile f : tip.files()) {
      for (DeviceId d : f.deviceIds()) {
        devices.add(device(null, d));
      }
    }
    List<IpEventRow> events = tip.ipEvents().stream().map(CyberTipRows::event).toList();
    List<MediaRow> media = tip.files().stream().map(CyberTipRows::media).toList();
    return new CyberTipRows(tip.incidentType().label(),
        incident == null ? null : incident.utc(), offset(incident),
        received != null && received.utc() != null ? received.utc() : importedAt,
        tip.platform(), tip.escalate(), List.copyOf(persons), events, media, List.copyOf(hints),
        tip.reportIdDerived(), flags(tip.annotations()), List.copyOf(devices),
        NotStored.of(tip));
  }

  public long identifierCount() {
    return persons.stream().mapToLong(p -> p.identifiers().size()).sum();
  }

  private static String offset(EventTime t) {
    return t == null || t.offset() == null ? null : id(t.offset());
  }

  private static String id(ZoneOffset offset) {
    return offset.equals(ZoneOffset.UTC) ? "+00:00" : offset.getId();
  }

  private static PersonRow person(String role, Party p, String tipPlatform, int index,
      List<DeviceRow> devices) {
    List<IdentifierRow> ids = new ArrayList<>();
    String platform = p.espService() != null ? p.espService() : tipPlatform;
    for (Email e : p.emails()) {
      ids.add(new IdentifierRow("EMAIL", null, e.original(), e.normalized(), e.canonicalKey()));
    }
    for (Phone ph : p.phones()) {
      String normalized = ph.e164() != null ? ph.e164() : ph.original().strip();
      ids.add(new IdentifierRow("PHONE", null, ph.original(), normalized, normalized));
    }
    for (String s : p.screenNames()) {
      ids.add(new IdentifierRow("SCREEN_NAME", platform, s, s.strip(),
          s.strip().toLowerCase(Locale.ROOT)));
    }
    for (String s : p.espIdentifiers()) {
      ids.add(new IdentifierRow("ACCOUNT_ID", platform, s, s.strip(), s.strip()));
    }
    for (String s : p.profileUrls()) {
      ids.add(new IdentifierRow("URL", platform, s, s.strip(), s.strip()));
    }
    for (DeviceId d : p.deviceIds()) {
      DeviceRow row = device(index, d);
      devices.add(row);
      ids.add(new IdentifierRow("DEVICE_ID", null, d.idValue(),
          DeviceKeys.normalized(d.idType(), d.idValue()), row.canonicalKey()));
    }
    Address a = p.addresses().isEmpty() ? null : p.addresses().get(0);
    return new PersonRow(role, p.firstName(), p.lastName(), p.dateOfBirth(), p.age(),
        a == null ? null : a.street(), a == null ? null : a.zipCode(),
        a == null ? null : a.city(), a == null ? null : country(a.country()), List.copyOf(ids));
  }

  private static String country(String code) {
    return code != null && code.strip().length() == 2
        ? code.strip().toUpperCase(Locale.ROOT) : null;
  }

  private static List<HintRow> hints(Party victim, String where) {
    List<HintRow> hints = new ArrayList<>();
    if (victim.age() != null) {
      hints.add(new HintRow("AGE", where + ": age " + victim.age()));
    }
    if (victim.dateOfBirth() != null) {
      hints.add(new HintRow("DATE_OF_BIRTH", where + ": born " + victim.dateOfBirth()));
    }
    if (victim.schoolName() != null) {
      hints.add(new HintRow("SCHOOL", where + ": " + victim.schoolName()));
    }
    for (Address a : victim.addresses()) {
      String place = String.join(" ", java.util.stream.Stream.of(a.zipCode(), a.city(),
          a.country()).filter(s -> s != null && !s.isBlank()).toList());
      if (!place.isEmpty()) {
        hints.add(new HintRow("LOCATION", where + ": " + place));
      }
    }
    return hints;
  }

  private static IpEventRow event(IpEvent e) {
    EventTime t = e.time();
    return new IpEventRow(e.ipOriginal(), e.ip(), e.ip().contains(":") ? 6 : 4, e.port(),
        instant(t), offset(t), t == null || t.noTimeZone(),
        e.eventName() == null ? null : e.eventName().name(), e.owner(), e.possibleProxy());
  }

  private static DeviceRow device(Integer personIndex, DeviceId d) {
    EventTime t = d.time();
    return new DeviceRow(personIndex, d.owner(), d.idType(), d.idValue(),
        DeviceKeys.canonical(d.idType(), d.idValue()),
        d.eventName() == null ? null : d.eventName().name(), instant(t), offset(t),
        t != null && t.noTimeZone());
  }

  /** UTC, or the wall-clock time read as UTC when no offset was written (flagged beside it). */
  private static Instant instant(EventTime t) {
    return t == null ? null : t.offset() != null ? t.utc() : t.local().toInstant(ZoneOffset.UTC);
  }

  private static String flags(List<String> names) {
    return names.isEmpty() ? null : String.join(",", names);
  }

  private static MediaRow media(ReportedFile f) {
    String md5 = null;
    String sha1 = null;
    String sha256 = null;
    for (FileHash h : f.hashes()) {
      switch (h.algorithm()) {
        case MD5 -> md5 = md5 == null ? h.value() : md5;
        case SHA1 -> sha1 = sha1 == null ? h.value() : sha1;
        case SHA256 -> sha256 = sha256 == null ? h.value() : sha256;
        case OTHER -> { }
      }
    }
    return new MediaRow(f.originalFileName(), md5, sha1, sha256, f.fileId(),
        f.classification() == null ? null : f.classification().name(),
        f.relevance() == null ? null : f.relevance().name(), flags(f.annotations()),
        f.reportId());
  }
}
