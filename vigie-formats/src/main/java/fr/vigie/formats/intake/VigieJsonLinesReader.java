package fr.vigie.formats.intake;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import fr.vigie.formats.cybertip.Address;
import fr.vigie.formats.cybertip.CyberTipLimits;
import fr.vigie.formats.cybertip.CyberTipOutcome;
import fr.vigie.formats.cybertip.Email;
import fr.vigie.formats.cybertip.EventTime;
import fr.vigie.formats.cybertip.IpEvent;
import fr.vigie.formats.cybertip.IpEventName;
import fr.vigie.formats.cybertip.NotUtf8;
import fr.vigie.formats.cybertip.Party;
import fr.vigie.formats.cybertip.Phone;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Reads the Vigie JSON Lines report format (docs/formats.md): one JSON object per line, one
 * report each, as a stream of outcomes in constant memory. Only the current line is held
 * (bounded by {@link CyberTipLimits#maxRecordChars()} bytes) plus the keys of the reports
 * already accepted, to reject repeats.
 *
 * <p>Every line stands alone: a line that is not UTF-8, not JSON, or whose values break a rule
 * gives a {@link CyberTipOutcome.Rejected} with its line, column, field path
 * ({@code reportedPersons[0].ipEvents[1].port}) and reason, and the next line is read. Unknown
 * fields are rejected (a misspelt {@code "emial"} must not silently drop an identifier) except
 * {@code extra}, whose value is skipped and kept in the raw record. Not thread-safe; I/O
 * errors surface as {@link UncheckedIOException}.
 */
public final class VigieJsonLinesReader implements Iterator<CyberTipOutcome>, Closeable {

  /** The {@code reports.raw_format} of the records read here. */
  public static final String RAW_FORMAT = "JSONL";

  private final InputStream source;
  private final String file;
  private final CyberTipLimits limits;
  private final Set<String> seen;
  private final JsonFactory json;
  private final Lines lines;
  private boolean done;
  private CyberTipOutcome ahead;

  /** Reads {@code in} (closed by {@link #close()}), naming it {@code file} in rejections. */
  public VigieJsonLinesReader(InputStream in, String file) {
    this(in, file, CyberTipLimits.DEFAULT, new HashSet<>());
  }

  /**
   * Shares {@code seen} (report keys already accepted) with the other entries of one input.
   */
  public VigieJsonLinesReader(InputStream in, String file, CyberTipLimits limits,
      Set<String> seen) {
    this.source = in;
    this.file = file;
    this.limits = limits;
    this.seen = seen;
    this.json = JsonFactory.builder()
        .streamReadConstraints(StreamReadConstraints.builder()
            .maxNestingDepth(limits.maxDepth())
            .maxStringLength(limits.maxTextChars())
            .maxNumberLength(20)
            .build())
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .build();
    this.lines = new Lines(in, limits.maxRecordChars());
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
    while (ahead == null && !done) {
      try {
        ahead = advance();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return ahead != null;
  }

  @Override
  public CyberTipOutcome next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    CyberTipOutcome o = ahead;
    ahead = null;
    return o;
  }

  /** The next outcome, or null for a blank line (and at the end, with {@code done} set). */
  private CyberTipOutcome advance() throws IOException {
    if (!lines.next()) {
      done = true;
      return null;
    }
    long n = lines.number();
    if (n == 1) {
      CyberTipOutcome refused = firstLine();
      if (refused != null) {
        done = true;
        return refused;
      }
    }
    if (lines.overlong()) {
      return new CyberTipOutcome.Rejected(file, n, limits.maxRecordChars() + 1L, "", null,
          "line longer than " + limits.maxRecordChars() + " bytes: skipped",
          lines.lenientText());
    }
    String text;
    try {
      text = lines.text();
    } catch (Lines.BadBytes e) {
      return new CyberTipOutcome.Rejected(file, n, e.column, "", null,
          e.getMessage() + ": line skipped", lines.lenientText());
    }
    if (text.isBlank()) {
      return null;
    }
    return record(text, n);
  }

  /** Drops a UTF-8 byte order mark; refuses UTF-16 and UTF-32. */
  private CyberTipOutcome firstLine() {
    byte[] b = lines.bytes();
    int len = lines.length();
    if (len >= 3 && (b[0] & 0xff) == 0xEF && (b[1] & 0xff) == 0xBB && (b[2] & 0xff) == 0xBF) {
      lines.skip(3);
      return null;
    }
    String notText = NotUtf8.reason(NotUtf8.of(b, len), "the file");
    if (notText != null) {
      return new CyberTipOutcome.Rejected(file, 1, 1, "", null,
          notText + ": the file was not read", "");
    }
    return null;
  }

  private CyberTipOutcome record(String text, long line) throws IOException {
    TipDraft draft = new TipDraft();
    try (JsonParser p = json.createParser(text)) {
      try {
        JsonToken t = p.nextToken();
        if (t != JsonToken.START_OBJECT) {
          throw new Invalid("", column(p), "a line must hold one JSON object, found "
              + describe(t));
        }
        report(p, draft);
        JsonToken after = p.nextToken();
        if (after != null) {
          throw new Invalid("", column(p), "text after the JSON object");
        }
      } catch (JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        throw new Invalid(path(p.getParsingContext()), at == null ? 0 : at.getColumnNr(),
            "malformed JSON: " + e.getOriginalMessage());
      }
      String missing = draft.missing();
      if (missing != null) {
        throw new Invalid(missing, 1, "missing " + missing);
      }
    } catch (Invalid e) {
      return new CyberTipOutcome.Rejected(file, line, Math.max(0, e.column), e.path,
          draft.reportId, e.getMessage(), text);
    }
    if (!seen.add(draft.seenKey())) {
      return new CyberTipOutcome.Rejected(file, line, 1, "reportId", draft.reportId,
          "reportId " + draft.reportId + " of source " + draft.sourceCode
              + " already read earlier in this input", text);
    }
    return new CyberTipOutcome.Accepted(draft.build(text), draft.source(), RAW_FORMAT);
  }

  private void report(JsonParser p, TipDraft d) throws IOException {
    fields(p, name -> {
      switch (name) {
        case "reportId" -> d.reportId = value(p, Values::reportId);
        case "source" -> object(p, () -> fields(p, f -> {
          switch (f) {
            case "code" -> d.sourceCode = value(p, Values::sourceCode);
            case "name" -> d.sourceName = value(p, Values::sourceName);
            case "kind" -> d.sourceKind = value(p, Values::sourceKind);
            case "country" -> d.sourceCountry = value(p, Values::country);
            default -> unknown(p, f);
          }
        }));
        case "receivedAt" -> d.receivedAt = value(p, Values::time);
        case "incidentType" -> d.incidentType = value(p, Values::incidentType);
        case "incidentTime" -> d.incidentTime = value(p, Values::time);
        case "platform" -> d.platform = value(p, s -> s);
        case "escalate" -> d.escalate = bool(p);
        case "annotations" -> list(p, () -> add(d.annotations, value(p, s -> s)));
        case "reportedPersons" -> parties(p, Party.Role.REPORTED, d);
        case "intendedRecipients" -> parties(p, Party.Role.INTENDED_RECIPIENT, d);
        case "victims" -> parties(p, Party.Role.VICTIM, d);
        case "ipEvents" -> list(p, () -> ipEvent(p, "report", d.reportEvents));
        case "files" -> list(p, () -> file(p, d));
        case "extra" -> p.skipChildren();
        default -> unknown(p, name);
      }
    });
  }

  private void parties(JsonParser p, Party.Role role, TipDraft d) throws IOException {
    list(p, () -> {
      TipDraft.PartyDraft party = new TipDraft.PartyDraft(role, path(p.getParsingContext()));
      object(p, () -> fields(p, f -> {
        switch (f) {
          case "firstName" -> party.firstName = value(p, s -> s);
          case "lastName" -> party.lastName = value(p, s -> s);
          case "dateOfBirth" -> party.dateOfBirth = value(p, Values::date);
          case "age" -> party.age = value(p, Values::age);
          case "emails" -> list(p, () -> add(party.emails, value(p, Email::of)));
          case "phones" -> list(p, () -> add(party.phones,
              value(p, s -> Phone.of(s, null, null))));
          case "screenNames" -> list(p, () -> add(party.screenNames, value(p, s -> s)));
          case "displayNames" -> list(p, () -> add(party.displayNames, value(p, s -> s)));
          case "accountIds" -> list(p, () -> add(party.accountIds, value(p, s -> s)));
          case "service" -> party.service = value(p, s -> s);
          case "profileUrls" -> list(p, () -> add(party.profileUrls, value(p, s -> s)));
          case "addresses" -> list(p, () -> address(p, party.addresses));
          case "schoolName" -> {
            if (role != Party.Role.VICTIM) {
              unknown(p, f);
            }
            party.schoolName = value(p, s -> s);
          }
          case "ipEvents" -> list(p, () -> ipEvent(p, party.owner, party.ipEvents));
          default -> unknown(p, f);
        }
      }));
      d.parties.add(party);
    });
  }

  private void address(JsonParser p, List<Address> out) throws IOException {
    String[] a = new String[6];
    object(p, () -> fields(p, f -> {
      int i = switch (f) {
        case "type" -> 0;
        case "street" -> 1;
        case "city" -> 2;
        case "zipCode" -> 3;
        case "state" -> 4;
        case "country" -> 5;
        default -> {
          unknown(p, f);
          yield -1;
        }
      };
      a[i] = value(p, s -> s);
    }));
    out.add(new Address(a[0], a[1], a[2], a[3], a[4], a[5]));
  }

  private void file(JsonParser p, TipDraft d) throws IOException {
    TipDraft.FileDraft f = new TipDraft.FileDraft(path(p.getParsingContext()));
    int column = column(p);
    object(p, () -> fields(p, name -> {
      switch (name) {
        case "fileId" -> f.fileId = value(p, s -> s);
        case "name" -> f.name = value(p, s -> s);
        case "md5" -> add(f.hashes, value(p, s -> Values.hash("MD5", s)));
        case "sha1" -> add(f.hashes, value(p, s -> Values.hash("SHA1", s)));
        case "sha256" -> add(f.hashes, value(p, s -> Values.hash("SHA256", s)));
        case "pdq" -> add(f.hashes, value(p, s -> Values.hash("PDQ", s)));
        case "classification" -> f.classification = value(p, Values::classification);
        case "relevance" -> f.relevance = value(p, Values::relevance);
        case "ipEvents" -> list(p, () -> ipEvent(p, f.owner, f.ipEvents));
        default -> unknown(p, name);
      }
    }));
    if (f.hashes.isEmpty()) {
      throw new Invalid(f.owner, column,
          "a file needs at least one hash (md5, sha1, sha256 or pdq)");
    }
    d.files.add(f);
  }

  private void ipEvent(JsonParser p, String owner, List<IpEvent> out) throws IOException {
    String where = path(p.getParsingContext());
    int column = column(p);
    String[] ip = new String[2];
    Integer[] port = new Integer[1];
    EventTime[] time = new EventTime[1];
    IpEventName[] name = new IpEventName[1];
    boolean[] proxy = new boolean[1];
    object(p, () -> fields(p, f -> {
      switch (f) {
        case "ip" -> {
          ip[1] = value(p, Values::ip);
          ip[0] = ip[1] == null ? null : p.getText().strip();
        }
        case "port" -> port[0] = value(p, Values::port);
        case "time" -> time[0] = value(p, Values::time);
        case "eventName" -> name[0] = value(p, Values::eventName);
        case "possibleProxy" -> proxy[0] = bool(p);
        default -> unknown(p, f);
      }
    }));
    if (ip[1] == null) {
      throw new Invalid(where + ".ip", column, "missing ip");
    }
    out.add(new IpEvent(ip[0], ip[1], port[0], time[0], name[0], proxy[0], owner));
  }

  // ---------------------------------------------------------------- JSON walking

  /** Work on the current token that may throw I/O errors. */
  private interface Step {
    void run() throws IOException;
  }

  /** Work on one field, the parser on its value. */
  private interface FieldStep {
    void run(String name) throws IOException;
  }

  /** Requires an object at the current token and runs {@code body} inside it. */
  private void object(JsonParser p, Step body) throws IOException {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      throw new Invalid(path(p.getParsingContext()), column(p),
          "expected an object, found " + describe(p.currentToken()));
    }
    body.run();
  }

  /** Calls {@code each} for every field of the object whose start is the current token. */
  private void fields(JsonParser p, FieldStep each) throws IOException {
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      p.nextToken();
      if (p.currentToken() == JsonToken.VALUE_NULL) {
        continue;
      }
      each.run(name);
    }
  }

  /** Calls {@code each} on every element of an array (a lone value counts as one element). */
  private void list(JsonParser p, Step each) throws IOException {
    if (p.currentToken() != JsonToken.START_ARRAY) {
      each.run();
      return;
    }
    while (p.nextToken() != JsonToken.END_ARRAY) {
      if (p.currentToken() != JsonToken.VALUE_NULL) {
        each.run();
      }
    }
  }

  /**
   * The current scalar through {@code f}; null for an empty string. Numbers are read as their
   * text, objects, arrays and booleans are refused.
   */
  private <T> T value(JsonParser p, Function<String, T> f) throws IOException {
    JsonToken t = p.currentToken();
    if (t != JsonToken.VALUE_STRING && t != JsonToken.VALUE_NUMBER_INT
        && t != JsonToken.VALUE_NUMBER_FLOAT) {
      throw new Invalid(path(p.getParsingContext()), column(p),
          "expected a text value, found " + describe(t));
    }
    String text = p.getText();
    if (text.isBlank()) {
      return null;
    }
    try {
      return f.apply(text);
    } catch (Problem e) {
      throw new Invalid(path(p.getParsingContext()), column(p), e.getMessage());
    }
  }

  private boolean bool(JsonParser p) throws IOException {
    return switch (p.currentToken()) {
      case VALUE_TRUE -> true;
      case VALUE_FALSE -> false;
      default -> {
        Boolean b = value(p, Values::bool);
        yield b != null && b;
      }
    };
  }

  private static <T> void add(List<T> list, T value) {
    if (value != null) {
      list.add(value);
    }
  }

  private void unknown(JsonParser p, String name) {
    throw new Invalid(path(p.getParsingContext()), column(p),
        "unknown field \"" + name + "\" (put free data under \"extra\")");
  }

  private static int column(JsonParser p) {
    JsonLocation at = p.currentTokenLocation();
    return at == null ? 0 : at.getColumnNr();
  }

  private static String describe(JsonToken t) {
    if (t == null) {
      return "nothing";
    }
    return switch (t) {
      case START_OBJECT -> "an object";
      case START_ARRAY -> "an array";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> t.asString() == null ? t.name() : t.asString();
    };
  }

  /** {@code reportedPersons[0].ipEvents[1].port}: the field the parser is on. */
  static String path(JsonStreamContext context) {
    Deque<String> parts = new ArrayDeque<>();
    for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
      if (c.inArray()) {
        if (c.hasCurrentIndex()) {
          parts.push("[" + c.getCurrentIndex() + "]");
        }
      } else if (c.getCurrentName() != null) {
        parts.push("." + c.getCurrentName());
      }
    }
    String s = String.join("", parts);
    return s.startsWith(".") ? s.substring(1) : s;
  }

  @Override
  public void close() throws IOException {
    done = true;
    source.close();
  }

  /** A rule broken at a place of the line. */
  private static final class Invalid extends RuntimeException {
    final String path;
    final long column;

    Invalid(String path, long column, String reason) {
      super(reason, null, false, false);
      this.path = path;
      this.column = column;
    }
  }
}
