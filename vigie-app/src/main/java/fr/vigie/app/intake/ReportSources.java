package fr.vigie.app.intake;

import fr.vigie.app.audit.AuditAction;
import fr.vigie.app.audit.AuditEvent;
import fr.vigie.app.audit.AuditLog;
import fr.vigie.app.intake.internal.JdbcSources;
import fr.vigie.formats.cybertip.ReportSource;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;

/**
 * The sources reports are filed under, and the one an importer names as the sender of documents
 * that do not say who sent them (a provider's bare CyberTipline {@code <report>}).
 *
 * <p>Such a source is never guessed from the file and never created on the spot: it must already
 * exist. A typo would otherwise create a second source for the same partner, and since a derived
 * report id covers the source's code, the same report would be stored twice, under two
 * sources, and never found unchanged. An unknown code is refused with the list of known ones; an
 * administrator registers a new partner with {@code ./vigie source add} ({@link #register}).
 */
@Service
public class ReportSources {

  /** A source code: what JSON Lines and CSV sources are registered with. */
  public static final Pattern CODE = Pattern.compile("[A-Z0-9_.\\-]{1,32}");

  /** The kinds that send documents; MANUAL (the form) and P2P_SENSOR are Vigie's own. */
  public static final Set<String> SENDER_KINDS = Set.of("NCMEC", "PLATFORM", "PARTNER",
      "FOREIGN_POLICE");

  /** The kinds an administrator may register (NCMEC exists from the start). */
  public static final List<String> REGISTRABLE_KINDS = List.of("PLATFORM", "PARTNER",
      "FOREIGN_POLICE");

  /** Why a code was refused. */
  public enum Why { MALFORMED, UNKNOWN, NOT_A_SENDER }

  /** What a code given by an importer names. */
  public sealed interface Choice {

    /** A known source that sends documents. */
    record Known(ReportSource source) implements Choice {}

    /**
     * Refused; {@code known} lists the codes that would have been accepted.
     *
     * @param code the code as given (stripped)
     */
    record Refused(String code, Why why, List<String> known) implements Choice {

      public Refused {
        known = List.copyOf(known);
      }

      /** The refusal in one sentence, for the command line and the API. */
      public String reason() {
        String list = known.isEmpty() ? "none yet" : String.join(", ", known);
        return switch (why) {
          case MALFORMED -> "\"" + code + "\" is not a source code (1 to 32 of A-Z 0-9 _ - .); "
              + "known sources: " + list;
          case UNKNOWN -> "unknown source \"" + code + "\"; known sources: " + list
              + " (an administrator registers a new one with ./vigie source add)";
          case NOT_A_SENDER -> "source \"" + code + "\" is Vigie's own (typed reports or the "
              + "sensor) and sends no documents; known sources: " + list;
        };
      }
    }
  }

  /** What became of a registration. */
  public sealed interface Registration {
    record Registered(long id, ReportSource source) implements Registration {}

    record Invalid(String reason) implements Registration {}
  }

  private final JdbcSources sources;
  private final AuditLog audit;

  ReportSources(JdbcSources sources, AuditLog audit) {
    this.sources = sources;
    this.audit = audit;
  }

  /** Every source, by code. */
  public List<ReportSource> all() {
    return sources.all().stream().map(JdbcSources.SourceRow::source).toList();
  }

  /**
   * The codes of the sources that may be named as a sender, by code; NCMEC always, though its
   * row is only made by its first import.
   */
  public List<String> senderCodes() {
    java.util.TreeSet<String> codes = new java.util.TreeSet<>();
    codes.add(ReportSource.NCMEC.code());
    sources.all().stream().map(JdbcSources.SourceRow::source)
        .filter(s -> SENDER_KINDS.contains(s.kind())).map(ReportSource::code)
        .forEach(codes::add);
    return List.copyOf(codes);
  }

  /** The code as sources are keyed: stripped and upper-cased. */
  public static String normalise(String code) {
    return code == null ? "" : code.strip().toUpperCase(Locale.ROOT);
  }

  /** The source {@code code} names as the sender of documents, or why it cannot be one. */
  public Choice senderOf(String code) {
    String c = normalise(code);
    if (!CODE.matcher(c).matches()) {
      return new Choice.Refused(code == null ? "" : code.strip(), Why.MALFORMED, senderCodes());
    }
    Optional<JdbcSources.SourceRow> row = sources.byCode(c);
    if (row.isEmpty() && c.equals(ReportSource.NCMEC.code())) {
      return new Choice.Known(ReportSource.NCMEC);
    }
    if (row.isEmpty()) {
      return new Choice.Refused(c, Why.UNKNOWN, senderCodes());
    }
    if (!SENDER_KINDS.contains(row.get().source().kind())) {
      return new Choice.Refused(c, Why.NOT_A_SENDER, senderCodes());
    }
    return new Choice.Known(row.get().source());
  }

  /**
   * Registers a partner source (kind PLATFORM, PARTNER or FOREIGN_POLICE), on the audit record
   * as a CREATE {@code source} by {@code actor}.
   */
  public Registration register(String code, String name, String kind, String country,
      String actor) {
    String c = normalise(code);
    if (!CODE.matcher(c).matches()) {
      return new Registration.Invalid("\"" + code + "\" is not a source code (1 to 32 of "
          + "A-Z 0-9 _ - .)");
    }
    String n = name == null ? "" : name.strip();
    if (n.isEmpty() || n.length() > 200) {
      return new Registration.Invalid("the name must be 1 to 200 characters");
    }
    String k = kind == null ? "" : kind.strip().toUpperCase(Locale.ROOT);
    if (!REGISTRABLE_KINDS.contains(k)) {
      return new Registration.Invalid("kind must be one of " + String.join(", ",
          REGISTRABLE_KINDS) + ": \"" + kind + "\"");
    }
    String cc = country == null || country.isBlank() ? null
        : country.strip().toUpperCase(Locale.ROOT);
    if (cc != null && !cc.matches("[A-Z]{2}")) {
      return new Registration.Invalid("country must be 2 letters (ISO 3166-1): \"" + country
          + "\"");
    }
    ReportSource source = new ReportSource(c, n, k, cc);
    Optional<Long> id = sources.insert(source);
    if (id.isEmpty()) {
      return new Registration.Invalid("source " + c + " already exists");
    }
    audit.record(AuditEvent.of(actor, null, AuditAction.CREATE, "source", id.get(), null, null)
        .withDetail("registered source " + c + " (" + k + (cc == null ? "" : ", " + cc) + "): "
            + n));
    return new Registration.Registered(id.get(), source);
  }
}
