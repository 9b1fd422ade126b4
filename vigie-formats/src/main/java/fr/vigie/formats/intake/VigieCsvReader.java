package fr.vigie.formats.intake;

import fr.vigie.formats.csv.CsvReader;
import fr.vigie.formats.csv.CsvRow;
import fr.vigie.formats.csv.CsvWriter;
import fr.vigie.formats.cybertip.Address;
import fr.vigie.formats.cybertip.CyberTipLimits;
import fr.vigie.formats.cybertip.CyberTipOutcome;
import fr.vigie.formats.cybertip.NotUtf8;
import fr.vigie.formats.cybertip.Email;
import fr.vigie.formats.cybertip.EventTime;
import fr.vigie.formats.cybertip.FileHash;
import fr.vigie.formats.cybertip.IpEvent;
import fr.vigie.formats.cybertip.IpEventName;
import fr.vigie.formats.cybertip.Party;
import fr.vigie.formats.cybertip.Phone;
import fr.vigie.formats.cybertip.StrictUtf8Reader;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Reads the Vigie CSV report format (docs/formats.md): a header, then one row per item of a
 * report (an identifier, an IP event, a file, or several of them at once), the report's columns
 * repeated, the rows of one report consecutive. Streams in constant memory: only the rows of the
 * current report are held (bounded by {@link CyberTipLimits#maxRecordChars()} characters).
 *
 * <p>A row that breaks a rule rejects its whole report (a report is never stored with a piece
 * missing), naming the row's line, the column's number and name, and the reason; the next report
 * is read. Not thread-safe; I/O errors surface as {@link UncheckedIOException}.
 */
public final class VigieCsvReader implements Iterator<CyberTipOutcome>, Closeable {

  /** The {@code reports.raw_format} of the records read here. */
  public static final String RAW_FORMAT = "CSV";

  /** Every column the format knows, in the documented order. */
  public static final List<String> COLUMNS = List.of(
      "reportId", "sourceCode", "sourceName", "sourceKind", "sourceCountry", "receivedAt",
      "incidentType", "incidentTime", "platform", "escalate",
      "personRole", "person", "firstName", "lastName", "dateOfBirth", "age", "email", "phone",
      "screenName", "displayName", "accountId", "service", "profileUrl", "street", "city",
      "zipCode", "state", "country", "schoolName",
      "ip", "port", "ipTime", "ipEventName", "possibleProxy",
      "fileId", "fileName", "md5", "sha1", "sha256", "pdq", "classification", "relevance");

  /** Columns a header must have. */
  public static final List<String> REQUIRED = List.of("reportId", "sourceCode", "sourceName",
      "sourceKind", "incidentType", "incidentTime");

  private static final List<String> PERSON_COLUMNS = COLUMNS.subList(12, 29);
  private static final List<String> IP_COLUMNS = COLUMNS.subList(29, 34);
  private static final List<String> FILE_COLUMNS = COLUMNS.subList(34, 42);

  private final InputStream source;
  private final String file;
  private final CyberTipLimits limits;
  private final Set<String> seen;
  private CsvReader csv;
  private List<String> header;
  /** Column name → index in the header; known columns only. */
  private final Map<String, Integer> index = new HashMap<>();
  private Group open;
  private boolean done;
  private final List<CyberTipOutcome> ahead = new ArrayList<>();

  /** Reads {@code in} (closed by {@link #close()}), naming it {@code file} in rejections. */
  public VigieCsvReader(InputStream in, String file) {
    this(in, file, CyberTipLimits.DEFAULT, new HashSet<>());
  }

  /** Shares {@code seen} (report keys already accepted) with the other entries of one input. */
  public VigieCsvReader(InputStream in, String file, CyberTipLimits limits, Set<String> seen) {
    this.source = in;
    this.file = file;
    this.limits = limits;
    this.seen = seen;
  }

  /** The remaining outcomes as a lazy stream; closing the stream closes the input. */
  public Stream<CyberTipOutcome> stream() {
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(this,
        Spliterator.ORDERED | Spliterator.NONNULL), false).onClose(() -> {
          try {
            close();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  @Override
  public boolean hasNext() {
    while (ahead.isEmpty() && !done) {
      try {
        advance();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return !ahead.isEmpty();
  }

  @Override
  public CyberTipOutcome next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return ahead.remove(0);
  }

  private void advance() throws IOException {
    if (csv == null && !open()) {
      done = true;
      return;
    }
    Optional<CsvRow> next;
    try {
      next = csv.next();
    } catch (CharacterCodingException e) {
      done = true;
      if (open != null) {
        open.fail(open.lastLine, 0, "", "the file stopped being UTF-8 after this row: the "
            + "report's rows may be incomplete");
        finish();
      }
      ahead.add(new CyberTipOutcome.Rejected(file, open == null ? 0 : open.lastLine + 1, 0,
          "", null, "bytes that are not UTF-8 (wrong encoding?): reading stopped here", ""));
      return;
    }
    if (next.isEmpty()) {
      done = true;
      finish();
      return;
    }
    switch (next.get()) {
      case CsvRow.Malformed m -> {
        // The row cannot be placed: it may belong to the open report, which is then rejected
        // too rather than stored with a piece missing.
        if (open != null) {
          open.fail(m.line(), m.column(), "", "line " + m.line() + " among this report's rows "
              + "is not valid CSV: " + m.reason());
        }
        ahead.add(new CyberTipOutcome.Rejected(file, m.line(), m.column(), "", null,
            "not valid CSV: " + m.reason(), m.raw()));
      }
      case CsvRow.Fields f -> row(f);
    }
  }

  /** Reads the header; false (with the file refused) when it is not a Vigie CSV header. */
  private boolean open() throws IOException {
    BufferedInputStream in = new BufferedInputStream(source, 1 << 16);
    in.mark(4096);
    byte[] head = in.readNBytes(4096);
    in.reset();
    String notText = NotUtf8.reason(NotUtf8.of(head, head.length), "the file");
    if (notText != null) {
      return refuse(1, 1, "", notText + ": the file was not read");
    }
    String first = new String(head, StandardCharsets.ISO_8859_1).lines().findFirst().orElse("");
    char separator = first.indexOf(',') < 0 && first.indexOf(';') >= 0 ? ';' : ',';
    csv = new CsvReader(new StrictUtf8Reader(in), separator, limits.maxTextChars());
    Optional<CsvRow> row;
    try {
      row = csv.next();
    } catch (CharacterCodingException e) {
      return refuse(1, 0, "", "bytes that are not UTF-8 (wrong encoding?) in the header: the "
          + "file was not read");
    }
    if (row.isEmpty()) {
      return refuse(1, 1, "", "the file is empty: a header is required");
    }
    if (row.get() instanceof CsvRow.Malformed m) {
      return refuse(m.line(), m.column(), "", "the header is not valid CSV: " + m.reason());
    }
    List<String> names = ((CsvRow.Fields) row.get()).values();
    Map<String, String> known = new HashMap<>();
    COLUMNS.forEach(c -> known.put(c.toLowerCase(Locale.ROOT), c));
    List<String> canonical = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      String written = names.get(i).strip();
      String name = known.get(written.toLowerCase(Locale.ROOT));
      if (name == null && !written.toLowerCase(Locale.ROOT).startsWith("extra")) {
        return refuse(1, i + 1, written, "unknown column " + Values.quote(written)
            + " (name free columns extra…): the file was not read");
      }
      if (name != null && index.putIfAbsent(name, i) != null) {
        return refuse(1, i + 1, written, "column " + name + " appears twice: the file was not "
            + "read");
      }
      canonical.add(name == null ? written : name);
    }
    for (String r : REQUIRED) {
      if (!index.containsKey(r)) {
        return refuse(1, 1, r, "the header has no " + r + " column (required: "
            + String.join(", ", REQUIRED) + "): the file was not read");
      }
    }
    header = List.copyOf(canonical);
    return true;
  }

  private boolean refuse(long line, long column, String field, String reason) {
    ahead.add(new CyberTipOutcome.Rejected(file, line, column, field, null, reason, ""));
    return false;
  }

  private void row(CsvRow.Fields f) throws IOException {
    String reportId = get(f, "reportId");
    String code = get(f, "sourceCode");
    String key = reportId.strip() + "\u0000" + code.strip().toUpperCase(Locale.ROOT);
    if (open != null && !open.key.equals(key)) {
      finish();
    }
    if (open == null) {
      open = new Group(key, f.line());
    }
    open.add(f, raw(f));
    if (open.problem == null) {
      try {
        apply(open, f);
      } catch (Invalid e) {
        open.fail(f.line(), e.column, e.field, e.getMessage());
      }
    }
  }

  /** Emits the open report, accepted or rejected. */
  private void finish() {
    Group g = open;
    open = null;
    if (g == null) {
      return;
    }
    String raw = g.raw();
    TipDraft d = g.draft;
    if (g.problem == null) {
      String missing = d.missing();
      if (missing != null) {
        String column = switch (missing) {
          case "source.code" -> "sourceCode";
          case "source.name" -> "sourceName";
          case "source.kind" -> "sourceKind";
          default -> missing;
        };
        g.fail(g.firstLine, index.get(column) + 1, column, "missing " + column);
      }
    }
    if (g.problem == null && !seen.add(d.seenKey())) {
      g.fail(g.firstLine, index.get("reportId") + 1, "reportId", "reportId " + d.reportId
          + " of source " + d.sourceCode + " already read earlier in this input (the rows of "
          + "a report must be consecutive)");
    }
    if (g.problem != null) {
      ahead.add(new CyberTipOutcome.Rejected(file, g.problemLine, g.problemColumn,
          g.problemField, d.reportId, g.problem, raw));
    } else {
      ahead.add(new CyberTipOutcome.Accepted(d.build(raw), d.source(), RAW_FORMAT));
    }
  }

  // ---------------------------------------------------------------- rows into a report

  private void apply(Group g, CsvRow.Fields f) {
    TipDraft d = g.draft;
    d.reportId = same(g, f, "reportId", Values::reportId, d.reportId);
    d.sourceCode = same(g, f, "sourceCode", Values::sourceCode, d.sourceCode);
    d.sourceName = same(g, f, "sourceName", Values::sourceName, d.sourceName);
    d.sourceKind = same(g, f, "sourceKind", Values::sourceKind, d.sourceKind);
    d.sourceCountry = same(g, f, "sourceCountry", Values::country, d.sourceCountry);
    d.receivedAt = same(g, f, "receivedAt", Values::time, d.receivedAt);
    d.incidentType = same(g, f, "incidentType", Values::incidentType, d.incidentType);
    d.incidentTime = same(g, f, "incidentTime", Values::time, d.incidentTime);
    d.platform = same(g, f, "platform", String::strip, d.platform);
    Boolean escalate = same(g, f, "escalate", Values::bool, g.escalate);
    g.escalate = escalate;
    d.escalate = escalate != null && escalate;

    boolean personal = any(f, PERSON_COLUMNS) || any(f, IP_COLUMNS)
        || !get(f, "personRole").isBlank() || !get(f, "person").isBlank();
    if (personal) {
      Party.Role role = value(f, "personRole", Values::role);
      role = role == null ? Party.Role.REPORTED : role;
      Integer number = value(f, "person", Values::personNumber);
      number = number == null ? 1 : number;
      String owner = role.name() + " " + number;
      TipDraft.PartyDraft p = g.parties.get(owner);
      if (p == null) {
        p = new TipDraft.PartyDraft(role, owner);
        g.parties.put(owner, p);
        d.parties.add(p);
      }
      person(f, p);
      IpEvent e = ipEvent(f, owner);
      if (e != null && !p.ipEvents.contains(e)) {
        p.ipEvents.add(e);
      }
    }
    if (any(f, FILE_COLUMNS)) {
      file(g, f);
    }
  }

  private void person(CsvRow.Fields f, TipDraft.PartyDraft p) {
    p.firstName = single(f, "firstName", String::strip, p.firstName);
    p.lastName = single(f, "lastName", String::strip, p.lastName);
    p.dateOfBirth = single(f, "dateOfBirth", Values::date, p.dateOfBirth);
    p.age = single(f, "age", Values::age, p.age);
    p.service = single(f, "service", String::strip, p.service);
    if (!get(f, "schoolName").isBlank() && p.role != Party.Role.VICTIM) {
      throw invalid("schoolName", "schoolName is for victims only (personRole VICTIM)");
    }
    p.schoolName = single(f, "schoolName", String::strip, p.schoolName);
    Email email = value(f, "email", Email::of);
    if (email != null && p.emails.stream().noneMatch(x -> x.original().equals(email.original()))) {
      p.emails.add(email);
    }
    Phone phone = value(f, "phone", s -> Phone.of(s, null, null));
    if (phone != null && p.phones.stream().noneMatch(x -> x.original().equals(phone.original()))) {
      p.phones.add(phone);
    }
    addOnce(p.screenNames, value(f, "screenName", s -> s));
    addOnce(p.displayNames, value(f, "displayName", s -> s));
    addOnce(p.accountIds, value(f, "accountId", s -> s));
    addOnce(p.profileUrls, value(f, "profileUrl", s -> s));
    String street = blankToNull(get(f, "street"));
    String city = blankToNull(get(f, "city"));
    String zip = blankToNull(get(f, "zipCode"));
    String state = blankToNull(get(f, "state"));
    String country = value(f, "country", Values::country);
    if (street != null || city != null || zip != null || state != null || country != null) {
      Address a = new Address(null, street, city, zip, state, country);
      if (!p.addresses.contains(a)) {
        p.addresses.add(a);
      }
    }
  }

  private IpEvent ipEvent(CsvRow.Fields f, String owner) {
    String written = get(f, "ip");
    if (written.isBlank()) {
      for (String c : IP_COLUMNS) {
        if (!get(f, c).isBlank()) {
          throw invalid(c, c + " given without ip");
        }
      }
      return null;
    }
    String ip = value(f, "ip", Values::ip);
    Integer port = value(f, "port", Values::port);
    EventTime time = value(f, "ipTime", Values::time);
    IpEventName name = value(f, "ipEventName", Values::eventName);
    Boolean proxy = value(f, "possibleProxy", Values::bool);
    return new IpEvent(written.strip(), ip, port, time, name, proxy != null && proxy, owner);
  }

  private void file(Group g, CsvRow.Fields f) {
    TipDraft.FileDraft file = new TipDraft.FileDraft("line " + f.line());
    file.fileId = blankToNull(get(f, "fileId"));
    file.name = blankToNull(get(f, "fileName"));
    for (String type : List.of("md5", "sha1", "sha256", "pdq")) {
      FileHash h = value(f, type, s -> Values.hash(type.toUpperCase(Locale.ROOT), s));
      if (h != null) {
        file.hashes.add(h);
      }
    }
    file.classification = value(f, "classification", Values::classification);
    file.relevance = value(f, "relevance", Values::relevance);
    if (file.hashes.isEmpty()) {
      throw invalid(index.containsKey("md5") ? "md5" : "fileName",
          "a file needs at least one hash (md5, sha1, sha256 or pdq)");
    }
    // The same file repeated on several rows (a spreadsheet joining files with identifiers)
    // counts once.
    String identity = file.fileId + "\u0000" + file.name + "\u0000" + file.hashes;
    if (g.files.add(identity)) {
      g.draft.files.add(file);
    }
  }

  /**
   * A report column: the first row that fills it sets it; a later row may leave it empty or
   * repeat it, but not change it.
   */
  private <T> T same(Group g, CsvRow.Fields f, String column, Function<String, T> parse,
      T current) {
    String written = get(f, column).strip();
    if (written.isEmpty()) {
      return current;
    }
    String before = g.reportValues.putIfAbsent(column, written);
    if (before != null && !before.equals(written)) {
      throw invalid(column, column + " " + Values.quote(written) + " differs from an earlier "
          + "row of this report (" + Values.quote(before) + ")");
    }
    return before == null ? value(f, column, parse) : current;
  }

  /** A person column that holds one value: rows may repeat it but not change it. */
  private <T> T single(CsvRow.Fields f, String column, Function<String, T> parse, T current) {
    T v = value(f, column, parse);
    if (v == null) {
      return current;
    }
    if (current != null && !current.equals(v)) {
      throw invalid(column, column + " " + Values.quote(get(f, column))
          + " differs from an earlier row of this person");
    }
    return v;
  }

  private <T> T value(CsvRow.Fields f, String column, Function<String, T> parse) {
    String written = get(f, column);
    if (written.isBlank()) {
      return null;
    }
    try {
      return parse.apply(written);
    } catch (Problem e) {
      throw invalid(column, e.getMessage());
    }
  }

  private Invalid invalid(String column, String reason) {
    Integer i = index.get(column);
    return new Invalid(column, i == null ? 0 : i + 1, reason);
  }

  private String get(CsvRow.Fields f, String column) {
    Integer i = index.get(column);
    return i == null ? "" : f.get(i);
  }

  private boolean any(CsvRow.Fields f, List<String> columns) {
    for (String c : columns) {
      if (!get(f, c).isBlank()) {
        return true;
      }
    }
    return false;
  }

  private static void addOnce(List<String> list, String value) {
    if (value != null && !list.contains(value)) {
      list.add(value);
    }
  }

  private static String blankToNull(String s) {
    return s.isBlank() ? null : s.strip();
  }

  /** The row written back as RFC 4180 (quotes as needed), for the raw record. */
  private String raw(CsvRow.Fields f) throws IOException {
    StringWriter w = new StringWriter();
    try (CsvWriter out = new CsvWriter(w, ',', CsvWriter.FormulaGuard.AS_IS)) {
      out.writeRecord(f.values());
    }
    return w.toString();
  }

  @Override
  public void close() throws IOException {
    done = true;
    source.close();
  }

  /** The rows of one report being read. */
  private final class Group {
    final String key;
    final long firstLine;
    long lastLine;
    final TipDraft draft = new TipDraft();
    final Map<String, String> reportValues = new HashMap<>();
    final Map<String, TipDraft.PartyDraft> parties = new LinkedHashMap<>();
    final Set<String> files = new HashSet<>();
    Boolean escalate;
    private final StringBuilder raw = new StringBuilder();
    private boolean rawCut;
    String problem;
    long problemLine;
    long problemColumn;
    String problemField;

    Group(String key, long firstLine) {
      this.key = key;
      this.firstLine = firstLine;
      try {
        raw.append(VigieCsvReader.this.raw(new CsvRow.Fields(0, header)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    void add(CsvRow.Fields f, String row) {
      lastLine = f.line();
      if (rawCut) {
        return;
      }
      if (raw.length() + row.length() > limits.maxRecordChars()) {
        rawCut = true;
        fail(f.line(), 0, "", "report longer than " + limits.maxRecordChars()
            + " characters: its rows were skipped");
        return;
      }
      raw.append(row);
    }

    /** Keeps the first problem only. */
    void fail(long line, long column, String field, String reason) {
      if (problem == null) {
        problem = reason;
        problemLine = line;
        problemColumn = column;
        problemField = field;
      }
    }

    String raw() {
      return raw.toString();
    }
  }

  /** A rule broken in a column of the current row. */
  private static final class Invalid extends RuntimeException {
    final String field;
    final long column;

    Invalid(String field, long column, String reason) {
      super(reason, null, false, false);
      this.field = field;
      this.column = column;
    }
  }
}
