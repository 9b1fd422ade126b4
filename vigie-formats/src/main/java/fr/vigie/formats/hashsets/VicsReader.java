package fr.vigie.formats.hashsets;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Streams the Media of a Project VIC / VICS JSON hash set: version 1.x ({@code odata.metadata}
 * … {@code #Media}) and 2.0 ({@code @odata.context} … {@code #Cases} or {@code #Media}), told
 * apart by the first property, as docs/formats.md §3 says. A UTF-8 byte-order mark may lead.
 *
 * <p>Each Media becomes one record: an entry needs a valid MD5 or SHA1; a malformed hash, a
 * non-integer Category or a boolean that is neither a JSON boolean nor "true"/"false" rejects it
 * with its 1-based index; the empty-file hashes are skipped with a warning. JSON that breaks the
 * grammar ends the reading with one last rejection saying where. Not thread-safe.
 */
public final class VicsReader implements HashRecordReader {

  /** The VICS data model a file follows. */
  public enum Version { V1_MEDIA, V2_CASES, V2_MEDIA }

  private static final JsonFactory JSON = JsonFactory.builder().build();

  private final JsonParser parser;
  private final Version version;
  private boolean inCaseMedia;
  private boolean finished;
  private long index;

  /**
   * Opens the set and reads up to its first Media.
   *
   * @throws IOException if the input is not JSON or its first property is not a VICS one
   */
  public VicsReader(InputStream in) throws IOException {
    // A byte stream lets Jackson detect the encoding and drop a byte-order mark.
    this.parser = JSON.createParser(in);
    try {
      expect(parser.nextToken(), JsonToken.START_OBJECT, "a VICS file is one JSON object");
      expect(parser.nextToken(), JsonToken.FIELD_NAME, "a VICS file starts with its context");
      String first = parser.currentName();
      parser.nextToken();
      String context = parser.currentToken() == JsonToken.VALUE_STRING ? parser.getText() : "";
      this.version = switch (first) {
        case "odata.metadata" -> Version.V1_MEDIA;
        case "@odata.context" -> context.contains("#Cases") ? Version.V2_CASES : Version.V2_MEDIA;
        default -> throw new IOException("not a VICS file: the first property is '" + first
            + "', expected odata.metadata (1.x) or @odata.context (2.0)");
      };
      if (!context.contains("#Media") && !context.contains("#Cases")) {
        throw new IOException("not a VICS hash set: the context '" + Hex.shorten(context)
            + "' names neither Media nor Cases");
      }
      finished = !advanceTo("value");
    } catch (JsonProcessingException e) {
      throw new IOException("not a VICS file: " + e.getOriginalMessage(), e);
    }
  }

  /** Returns the data model the file declared. */
  public Version version() {
    return version;
  }

  @Override
  public Optional<HashRecord> next() throws IOException {
    if (finished) {
      return Optional.empty();
    }
    try {
      while (true) {
        JsonToken token = parser.nextToken();
        if (token == null) {
          finished = true;
          return Optional.empty();
        }
        if (version == Version.V2_CASES && !inCaseMedia) {
          if (token == JsonToken.END_ARRAY) {
            finished = true;
            return Optional.empty();
          }
          if (token == JsonToken.START_OBJECT) {
            inCaseMedia = advanceTo("Media");
          } else {
            parser.skipChildren();
          }
          continue;
        }
        if (token == JsonToken.END_ARRAY) {
          if (version == Version.V2_CASES) {
            skipRestOfObject();
            inCaseMedia = false;
            continue;
          }
          finished = true;
          return Optional.empty();
        }
        index++;
        if (token != JsonToken.START_OBJECT) {
          parser.skipChildren();
          return Optional.of(new HashRecord.Rejected(index, "a Media must be a JSON object, was "
              + token));
        }
        return Optional.of(media());
      }
    } catch (JsonProcessingException e) {
      finished = true;
      return Optional.of(new HashRecord.Rejected(index == 0 ? 1 : index,
          "malformed JSON at line " + e.getLocation().getLineNr() + ", column "
              + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage()
              + "; reading stopped"));
    }
  }

  /** Reads one Media object, the parser on its START_OBJECT, and leaves it on its END_OBJECT. */
  private HashRecord media() throws IOException {
    String md5 = null;
    String sha1 = null;
    String category = null;
    String series = null;
    String problem = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      try {
        switch (field) {
          case "MD5" -> md5 = Hex.normalise("MD5", text(value), 32);
          case "SHA1" -> sha1 = Hex.normalise("SHA1", text(value), 40);
          case "Category" -> category = category(value);
          case "Series" -> series = value == JsonToken.VALUE_STRING ? blankToNull(parser.getText())
              : null;
          case "VictimIdentified", "OffenderIdentified", "IsDistributed", "IsPrecategorized" ->
              checkBoolean(field, value);
          default -> parser.skipChildren();
        }
      } catch (IllegalArgumentException e) {
        if (problem == null) {
          problem = e.getMessage();
        }
        parser.skipChildren();
      }
    }
    if (problem != null) {
      return new HashRecord.Rejected(index, problem);
    }
    if (md5 == null && sha1 == null) {
      return new HashRecord.Rejected(index, "no MD5 or SHA1");
    }
    if (Hex.isEmptyFile(md5, sha1, null)) {
      return new HashRecord.Skipped(index, "the hash of an empty file: it would match every "
          + "empty file");
    }
    return new HashRecord.Entry(index, md5, sha1, null, null, category, series);
  }

  private String text(JsonToken value) throws IOException {
    return switch (value) {
      case VALUE_NULL -> null;
      case VALUE_STRING -> parser.getText();
      default -> throw new IllegalArgumentException("expected a string, was " + value);
    };
  }

  private String category(JsonToken value) throws IOException {
    return switch (value) {
      case VALUE_NULL -> null;
      case VALUE_NUMBER_INT -> Long.toString(parser.getLongValue());
      case VALUE_STRING -> {
        String text = parser.getText().strip();
        if (text.isEmpty()) {
          yield null;
        }
        if (!text.chars().allMatch(Character::isDigit) || text.length() > 9) {
          throw new IllegalArgumentException("Category must be an integer, was '"
              + Hex.shorten(text) + "'");
        }
        yield Integer.toString(Integer.parseInt(text));
      }
      default -> throw new IllegalArgumentException("Category must be an integer, was "
          + parser.getText());
    };
  }

  private void checkBoolean(String field, JsonToken value) throws IOException {
    switch (value) {
      case VALUE_TRUE, VALUE_FALSE, VALUE_NULL -> { }
      case VALUE_STRING -> {
        String text = parser.getText().strip();
        if (!text.equalsIgnoreCase("true") && !text.equalsIgnoreCase("false") && !text.isEmpty()) {
          throw new IllegalArgumentException(field + " must be true or false, was '"
              + Hex.shorten(text) + "'");
        }
      }
      default -> throw new IllegalArgumentException(field + " must be true or false, was "
          + value);
    }
  }

  /** Moves to the array value of {@code name} in the current object; false if it has none. */
  private boolean advanceTo(String name) throws IOException {
    JsonToken token;
    while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      if (field.equals(name) && value == JsonToken.START_ARRAY) {
        return true;
      }
      parser.skipChildren();
    }
    if (token != JsonToken.END_OBJECT) {
      throw new IOException("unexpected " + token + " looking for " + name);
    }
    return false;
  }

  private void skipRestOfObject() throws IOException {
    JsonToken token;
    while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
      parser.nextToken();
      parser.skipChildren();
    }
    if (token != JsonToken.END_OBJECT) {
      throw new IOException("unexpected " + token + " at the end of a Case");
    }
  }

  private static void expect(JsonToken actual, JsonToken expected, String what)
      throws IOException {
    if (actual != expected) {
      throw new IOException("not a VICS file: " + what + " (found " + actual + ")");
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  @Override
  public void close() throws IOException {
    parser.close();
  }
}
