package fr.vigie.app.intake;

import fr.vigie.app.audit.AuditAction;
import fr.vigie.app.audit.AuditEvent;
import fr.vigie.app.audit.AuditLog;
import fr.vigie.app.intake.internal.CyberTipRows;
import fr.vigie.app.intake.internal.IntakeViews;
import fr.vigie.app.intake.internal.JdbcCyberTips;
import fr.vigie.app.security.Access;
import fr.vigie.formats.cybertip.CyberTip;
import fr.vigie.formats.cybertip.Email;
import fr.vigie.formats.cybertip.EventTime;
import fr.vigie.formats.cybertip.IncidentType;
import fr.vigie.formats.cybertip.IpEvent;
import fr.vigie.formats.cybertip.Normalisers;
import fr.vigie.formats.cybertip.Party;
import fr.vigie.formats.cybertip.Phone;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reports typed by an analyst from a mail or a phone call. Each is checked field by field, then
 * stored like an imported CyberTip (same normalisers, same rows) under a MANUAL source with raw
 * format FORM, its raw record being the form's fields as JSON; an import job of origin WEB
 * carries it so that it is handed to the next stages like any import.
 */
@Service
public class ManualReports {

  /** The source a typed report is filed under when the analyst names none. */
  public static final String DEFAULT_SOURCE = "SAISIE";

  private static final Pattern SOURCE_CODE = Pattern.compile("[A-Z0-9_-]{1,32}");
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

  private final Reports reports;
  private final JdbcCyberTips store;
  private final IntakeViews views;
  private final TransactionTemplate transaction;
  private final AuditLog audit;
  private final ApplicationEventPublisher events;
  private final Clock clock;

  ManualReports(Reports reports, JdbcCyberTips store, IntakeViews views,
      TransactionTemplate transaction, AuditLog audit, ApplicationEventPublisher events,
      Clock clock) {
    this.reports = reports;
    this.store = store;
    this.views = views;
    this.transaction = transaction;
    this.audit = audit;
    this.events = events;
    this.clock = clock;
  }

  /** Checks the typed report and stores it, or says what is wrong with each field. */
  public ManualReportOutcome store(ManualReport form, Access access) {
    Map<String, String> errors = new LinkedHashMap<>();
    String source = trim(form.source()) == null ? DEFAULT_SOURCE
        : trim(form.source()).toUpperCase(Locale.ROOT);
    if (!SOURCE_CODE.matcher(source).matches()) {
      errors.put("source", "intake.form.error.source");
    } else {
      views.sourceKind(source).filter(kind -> !kind.equals("MANUAL"))
          .ifPresent(kind -> errors.put("source", "intake.form.error.sourceNotManual"));
    }
    String ref = trim(form.externalRef());
    if (ref == null) {
      errors.put("externalRef", "intake.form.error.required");
    } else if (ref.length() > 100) {
      errors.put("externalRef", "intake.form.error.tooLong");
    } else if (!errors.containsKey("source") && store.sourceId(source)
        .map(id -> !store.versions(id, ref).isEmpty()).orElse(false)) {
      errors.put("externalRef", "intake.form.error.duplicate");
    }
    IncidentType type = null;
    if (trim(form.incidentType()) == null) {
      errors.put("incidentType", "intake.form.error.required");
    } else {
      try {
        type = IncidentType.valueOf(trim(form.incidentType()));
      } catch (IllegalArgumentException e) {
        errors.put("incidentType", "intake.form.error.incidentType");
      }
    }
    EventTime incidentTime = time(form.incidentTime(), "incidentTime", true, errors);
    String first = limited(form.firstName(), 200, "firstName", errors);
    String last = limited(form.lastName(), 200, "lastName", errors);
    String screenName = limited(form.screenName(), 500, "screenName", errors);
    String platform = limited(form.platform(), 200, "platform", errors);
    String notes = limited(form.notes(), 10_000, "notes", errors);
    Email email = null;
    if (trim(form.email()) != null) {
      if (trim(form.email()).length() > 320 || !EMAIL.matcher(trim(form.email())).matches()) {
        errors.put("email", "intake.form.error.email");
      } else {
        email = Normalisers.email(trim(form.email()));
      }
    }
    Phone phone = null;
    if (trim(form.phone()) != null) {
      phone = Normalisers.phone(trim(form.phone()));
      if (phone.e164() == null) {
        errors.put("phone", "intake.form.error.phone");
      }
    }
    String ip = null;
    if (trim(form.ip()) != null) {
      ip = Normalisers.ip(trim(form.ip()));
      if (ip == null) {
        errors.put("ip", "intake.form.error.ip");
      }
    }
    Integer port = null;
    if (trim(form.port()) != null) {
      try {
        port = Integer.valueOf(trim(form.port()));
        if (port < 1 || port > 65535) {
          errors.put("port", "intake.form.error.port");
        }
      } catch (NumberFormatException e) {
        errors.put("port", "intake.form.error.port");
      }
      if (trim(form.ip()) == null) {
        errors.put("port", "intake.form.error.withoutIp");
      }
    }
    EventTime ipTime = null;
    if (trim(form.ip()) != null) {
      ipTime = time(form.ipTime(), "ipTime", true, errors);
    } else if (trim(form.ipTime()) != null) {
      errors.put("ipTime", "intake.form.error.withoutIp");
    }
    if (first == null && last == null && email == null && phone == null && screenName == null
        && trim(form.ip()) == null && !errors.containsKey("email")
        && !errors.containsKey("phone")) {
      errors.put("person", "intake.form.error.nobody");
    }
    if (!errors.isEmpty()) {
      return new ManualReportOutcome.Invalid(errors);
    }

    Instant now = clock.instant();
    String json = json(form, source, access.caller().username(), now);
    List<IpEvent> ipEvents = ip == null ? List.of()
        : List.of(new IpEvent(trim(form.ip()), ip, port, ipTime, null, false,
            "personOrUserReported[1]"));
    Party person = new Party(Party.Role.REPORTED, first, last, null, null,
        email == null ? List.of() : List.of(email), phone == null ? List.of() : List.of(phone),
        List.of(), screenName == null ? List.of() : List.of(screenName), List.of(), List.of(),
        platform, List.of(), null, ipEvents);
    CyberTip tip = new CyberTip(ref, null, type, incidentTime, platform, false, List.of(),
        List.of(person), List.of(), List.of(), ipEvents, List.of(), json);
    CyberTipRows rows = CyberTipRows.of(tip, now);
    byte[] raw = json.getBytes(StandardCharsets.UTF_8);
    String sha = sha256(raw);
    String actor = access.caller().username();
    reports.ensureSource(source, source.equals(DEFAULT_SOURCE) ? "Saisie manuelle"
        : "Saisie manuelle : " + source, "MANUAL", null);
    long[] ids = transaction.execute(s -> {
      long sourceId = store.sourceId(source).orElseThrow();
      long jobId = store.startJob("formulaire " + source + "/" + ref, sha, actor, "WEB", now);
      long reportId = store.insert(sourceId, jobId, ref, 1, sha, "FORM",
          ReportImport.gzip(raw), rows);
      store.finishJob(jobId, new JdbcCyberTips.JobCounts(1, 1, 0, 0, 0), "DONE",
          InputOutcome.REPORTS.name(), null, now);
      return new long[] {reportId, jobId};
    });
    audit.record(AuditEvent.of(actor, access.caller().role().name(), AuditAction.CREATE,
            "report", ids[0], null, access.clientAddress())
        .withDetail("typed in the web form: " + source + "/" + ref + ", import job " + ids[1]));
    events.publishEvent(new ReportsImported(ids[1], 1));
    return new ManualReportOutcome.Stored(ids[0], ids[1]);
  }

  /** Parses a date and time that must carry its offset; null (and an error) otherwise. */
  private static EventTime time(String text, String field, boolean required,
      Map<String, String> errors) {
    String t = trim(text);
    if (t == null) {
      if (required) {
        errors.put(field, "intake.form.error.required");
      }
      return null;
    }
    try {
      EventTime time = EventTime.parse(t);
      if (time.noTimeZone()) {
        // Typed by hand: ask for the offset rather than store a time flagged as zone-less.
        errors.put(field, "intake.form.error.offset");
        return null;
      }
      return time;
    } catch (DateTimeParseException e) {
      errors.put(field, "intake.form.error.time");
      return null;
    }
  }

  private static String limited(String text, int max, String field, Map<String, String> errors) {
    String t = trim(text);
    if (t != null && t.length() > max) {
      errors.put(field, "intake.form.error.tooLong");
      return null;
    }
    return t;
  }

  private static String trim(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  /** The form's fields as one JSON object: the report's raw record. */
  static String json(ManualReport f, String source, String actor, Instant at) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("format", "vigie-manual-report/1");
    fields.put("source", source);
    fields.put("externalRef", f.externalRef());
    fields.put("incidentType", f.incidentType());
    fields.put("incidentTime", f.incidentTime());
    fields.put("firstName", f.firstName());
    fields.put("lastName", f.lastName());
    fields.put("email", f.email());
    fields.put("phone", f.phone());
    fields.put("screenName", f.screenName());
    fields.put("platform", f.platform());
    fields.put("ip", f.ip());
    fields.put("port", f.port());
    fields.put("ipTime", f.ipTime());
    fields.put("notes", f.notes());
    fields.put("enteredBy", actor);
    fields.put("enteredAt", at.toString());
    StringBuilder out = new StringBuilder("{");
    for (Map.Entry<String, String> e : fields.entrySet()) {
      if (out.length() > 1) {
        out.append(",\n ");
      }
      out.append(quote(e.getKey())).append(": ")
          .append(trim(e.getValue()) == null ? "null" : quote(e.getValue().strip()));
    }
    return out.append("}").toString();
  }

  private static String quote(String s) {
    StringBuilder out = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The sources a typed report may be filed under (MANUAL ones), for the form. */
  public List<String> manualSources() {
    return views.sourceCodesOfKind("MANUAL");
  }
}
