package fr.vigie.app.audit;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * A signed checkpoint of the audit chain: "entry {@code position} had hash {@code sha256}" as
 * seen by {@code node} at {@code at}, signed with the Ed25519 key {@code keyId}. Kept outside the
 * database, one JSON line each (docs/audit.md), so that removing the newest entries and moving
 * the head back — which the chain alone cannot show — is found by {@code vigie audit verify}.
 *
 * <p>The signature covers {@link #signedText()}, not the JSON: a fixed text anyone can rebuild
 * from the line's fields (with {@code jq} and {@code printf}) and check with {@code openssl}.
 *
 * @param reason why it was taken: {@code interval}, {@code export} or {@code command}
 * @param signature the Ed25519 signature of {@link #signedText()}, base64
 */
public record Checkpoint(long position, String sha256, Instant at, String reason, String node,
    String keyId, String signature) {

  /** The first line of the signed text: the format's name and version. */
  public static final String FORMAT = "vigie-audit-checkpoint-v1";
  public static final Set<String> REASONS = Set.of("interval", "export", "command");

  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
  private static final Pattern KEY_ID = Pattern.compile("ed25519:[0-9a-f]{16}");
  /** Always six fraction digits, as the chain writes instants. */
  private static final DateTimeFormatter INSTANT = new DateTimeFormatterBuilder()
      .appendInstant(6).toFormatter();
  private static final JsonMapper JSON = JsonMapper.builder().build();

  public Checkpoint {
    Objects.requireNonNull(at, "at");
    if (position < 1) {
      throw new IllegalArgumentException("position must be an entry number (1 or more): "
          + position);
    }
    if (sha256 == null || !SHA256.matcher(sha256).matches()) {
      throw new IllegalArgumentException("sha256 must be 64 lower-case hex digits: " + sha256);
    }
    if (!REASONS.contains(reason)) {
      throw new IllegalArgumentException("reason must be one of " + REASONS + ": " + reason);
    }
    if (node == null || node.isBlank() || node.contains("\n")) {
      throw new IllegalArgumentException("node must be one line of text: " + node);
    }
    if (keyId == null || !KEY_ID.matcher(keyId).matches()) {
      throw new IllegalArgumentException("key must be ed25519: and 16 hex digits: " + keyId);
    }
    Objects.requireNonNull(signature, "signature");
  }

  /** The text the signature covers: one field a line, each line ending with a line feed. */
  public String signedText() {
    return signedText(position, sha256, at, reason, node, keyId);
  }

  static String signedText(long position, String sha256, Instant at, String reason, String node,
      String keyId) {
    return FORMAT + "\nposition=" + position + "\nsha256=" + sha256 + "\nat=" + INSTANT.format(at)
        + "\nreason=" + reason + "\nnode=" + node + "\nkey=" + keyId + "\n";
  }

  /** The checkpoint as one line of JSON, without the line feed. */
  public String toJsonLine() {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("format", FORMAT);
    fields.put("position", position);
    fields.put("sha256", sha256);
    fields.put("at", INSTANT.format(at));
    fields.put("reason", reason);
    fields.put("node", node);
    fields.put("key", keyId);
    fields.put("signature", signature);
    return JSON.writeValueAsString(fields);
  }

  /**
   * Reads one line as {@link #toJsonLine} writes it (the signature is not checked here).
   *
   * @throws IllegalArgumentException with the field and the reason when it is not one
   */
  public static Checkpoint parse(String line) {
    Map<?, ?> fields;
    try {
      fields = JSON.readValue(line, Map.class);
    } catch (JacksonException e) {
      throw new IllegalArgumentException("not a JSON object: " + e.getOriginalMessage());
    }
    if (!FORMAT.equals(fields.get("format"))) {
      throw new IllegalArgumentException("format: not " + FORMAT + ": " + fields.get("format"));
    }
    if (!(fields.get("position") instanceof Number number)
        || number.longValue() != number.doubleValue()) {
      throw new IllegalArgumentException("position: not a whole number: "
          + fields.get("position"));
    }
    Instant at;
    try {
      at = Instant.parse(text(fields, "at"));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("at: not an instant: " + fields.get("at"));
    }
    return new Checkpoint(number.longValue(), text(fields, "sha256"), at, text(fields, "reason"),
        text(fields, "node"), text(fields, "key"), text(fields, "signature"));
  }

  private static String text(Map<?, ?> fields, String name) {
    if (!(fields.get(name) instanceof String s)) {
      throw new IllegalArgumentException(name + ": missing or not text");
    }
    return s;
  }
}
