package fr.vigie.app.p2p;

import fr.vigie.app.audit.AuditAction;
import fr.vigie.app.audit.AuditActor;
import fr.vigie.app.audit.AuditLog;
import fr.vigie.app.intake.DeclaredMedia;
import fr.vigie.app.intake.MediaRecords;
import fr.vigie.app.intake.SensorSightings;
import fr.vigie.app.media.MediaStore;
import fr.vigie.app.p2p.internal.JdbcP2p;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Takes in signed observation lines ({@link SignedLines}). A line is stored only when its
 * {@code sensor} is registered, its Ed25519 signature checks against that sensor's key and its
 * infohash is on the watchlist; otherwise it is refused with the reason and kept nowhere (the
 * refusal is on the audit record). The same signed line twice is stored once. An observation that
 * reached a handshake is filed as an IP event ({@link SensorSightings}: source P2P, the peer's
 * address and port, the handshake's instant in UTC with milliseconds), so attribution takes it up
 * like a report's.
 */
@Service
public class ObservationIntake {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final JdbcP2p store;
  private final SensorSightings sightings;
  private final AuditLog audit;
  private final TransactionTemplate transaction;
  private final Clock clock;
  private final MediaStore media;
  private final MediaRecords mediaRecords;

  ObservationIntake(JdbcP2p store, SensorSightings sightings, AuditLog audit,
      TransactionTemplate transaction, Clock clock, MediaStore media, MediaRecords mediaRecords) {
    this.media = media;
    this.mediaRecords = mediaRecords;
    this.store = store;
    this.sightings = sightings;
    this.audit = audit;
    this.transaction = transaction;
    this.clock = clock;
  }

  /** One stored observation with its pieces. */
  public Optional<StoredObservation> observation(long id) {
    return store.observation(id);
  }

  /**
   * Checks the stored signature again now, against the key of the sensor the record names: what
   * the observation page shows, so that a record altered in the database after its intake shows.
   */
  public boolean signatureChecksNow(StoredObservation o) {
    return store.sensorByName(o.sensor())
        .map(s -> Ed25519Keys.verify(Ed25519Keys.publicKey(s.publicKey()), o.signedText(),
            o.signature()))
        .orElse(false);
  }

  /** The observations of one watch entry, latest first. */
  public List<StoredObservation> ofEntry(long entryId, int limit) {
    return store.observationsOf(entryId, limit);
  }

  /** The observations that became these IP events (a suspect's, a report's). */
  public List<StoredObservation> ofIpEvents(List<Long> ipEventIds) {
    return store.observationsOfIpEvents(ipEventIds);
  }

  /** Takes in one line. */
  public IntakeResult accept(String line, AuditActor actor) {
    return accept(line, Map.of(), actor);
  }

  /**
   * Takes in one line with the bytes of its pieces, by piece index (what the server's own sensor
   * downloaded; a pushed line carries none). Each piece's bytes are kept, encrypted in the media
   * store, when their SHA-1 is the one the signed line gives for that piece, and tied to its row
   * ({@link #keptPieces}); other bytes are not kept.
   */
  public IntakeResult accept(String line, Map<Integer, byte[]> pieceBytes, AuditActor actor) {
    IntakeResult result = check(line, pieceBytes, actor);
    if (result instanceof IntakeResult.Refused r) {
      audit.record(actor.event(AuditAction.CREATE, "p2p_observation", null, null)
          .withOutcome("FAILURE").withDetail("observation refused (" + r.why() + "): "
              + r.reason()));
    }
    return result;
  }

  /** Takes in each line of a body; blank lines are skipped. */
  public List<IntakeResult> acceptAll(List<String> lines, AuditActor actor) {
    List<IntakeResult> out = new ArrayList<>();
    for (String l : lines) {
      if (!l.isBlank()) {
        out.add(accept(l.strip(), actor));
      }
    }
    return out;
  }

  private IntakeResult check(String line, Map<Integer, byte[]> pieceBytes, AuditActor actor) {
    Optional<SignedLines.Split> split = SignedLines.split(line);
    if (split.isEmpty()) {
      return refused(IntakeResult.Why.UNSIGNED, "no signature: a line ends with "
          + "\"signature\":\"<base64>\"}");
    }
    String text = split.get().signedText();
    JsonNode o;
    try {
      o = JSON.readTree(text);
    } catch (JacksonException e) {
      return refused(IntakeResult.Why.MALFORMED, "not a JSON object: "
          + e.getOriginalMessage());
    }
    if (o == null || !o.isObject()) {
      return refused(IntakeResult.Why.MALFORMED, "not a JSON object");
    }
    String sensorName = text(o, "sensor");
    if (sensorName == null) {
      return refused(IntakeResult.Why.MALFORMED, "no \"sensor\" field");
    }
    Optional<Sensor> sensor = store.sensorByName(sensorName);
    if (sensor.isEmpty()) {
      return refused(IntakeResult.Why.UNKNOWN_SENSOR, "unknown sensor \"" + sensorName
          + "\" (an administrator registers it with ./vigie p2p register-sensor)");
    }
    PublicKey key = Ed25519Keys.publicKey(sensor.get().publicKey());
    if (!Ed25519Keys.verify(key, text, split.get().signature())) {
      return refused(IntakeResult.Why.BAD_SIGNATURE, "the signature does not match the line "
          + "with sensor " + sensorName + "'s key: altered, or signed by another key");
    }
    String infohash = text(o, "infohash");
    Optional<WatchEntry> entry = infohash == null ? Optional.empty()
        : store.entryByInfohash(infohash.toLowerCase(Locale.ROOT));
    if (entry.isEmpty()) {
      return refused(IntakeResult.Why.UNKNOWN_INFOHASH, "infohash " + infohash
          + " is not on the watchlist");
    }
    String sha = sha256(text);
    Optional<Long> before = store.observationBySignedSha256(sha);
    if (before.isPresent()) {
      return new IntakeResult.Accepted(before.get(), true,
          store.observation(before.get()).flatMap(StoredObservation::ipEventId));
    }
    JdbcP2p.NewObservation row;
    try {
      row = row(o, entry.get().id(), sensor.get().id(), text, sha, split.get().signature());
    } catch (IllegalArgumentException | DateTimeParseException e) {
      return refused(IntakeResult.Why.MALFORMED, e.getMessage());
    }
    Map<Integer, Kept> kept = new LinkedHashMap<>();
    for (StoredObservation.Piece p : row.pieces()) {
      byte[] bytes = pieceBytes.get(p.index());
      if (bytes != null && p.sha1().equalsIgnoreCase(digest("SHA-1", bytes))) {
        media.put(bytes);
        kept.put(p.index(), new Kept(digest("SHA-256", bytes), digest("MD5", bytes),
            bytes.length));
      }
    }
    return transaction.execute(status -> {
      Optional<Long> id = store.insertObservation(row);
      if (id.isEmpty()) {
        long existing = store.observationBySignedSha256(sha).orElseThrow();
        return new IntakeResult.Accepted(existing, true,
            store.observation(existing).flatMap(StoredObservation::ipEventId));
      }
      kept.forEach((index, k) -> store.keepPiece(id.get(), index, k.sha256(), k.md5(),
          k.size()));
      Optional<Long> ipEvent = Optional.empty();
      if (row.handshakeAt() != null) {
        SensorSightings.Filed filed = sightings.file(new SensorSightings.Sighting(
            "P2P-" + sha.substring(0, 32), row.remoteIp(), row.remotePort(), row.handshakeAt(),
            text, actor.name()));
        store.setIpEvent(id.get(), filed.ipEventId());
        ipEvent = Optional.of(filed.ipEventId());
      }
      audit.recordWithinTransaction(actor.event(AuditAction.CREATE, "p2p_observation",
              id.get(), null)
          .withDetail("observation by sensor " + sensorName + " of " + row.remoteIp() + ":"
              + row.remotePort() + " for entry " + entry.get().id() + ", " + row.outcome()
              + ipEvent.map(e -> ", IP event " + e).orElse(", no handshake: no IP event")
              + (kept.isEmpty() ? "" : ", " + kept.size() + " piece(s) kept in the media store")));
      return new IntakeResult.Accepted(id.get(), false, ipEvent);
    });
  }

  /** The pieces of an observation whose bytes are kept, each with the media item of the same
   * content when the media records hold one. */
  public List<KeptPiece> keptPieces(long observationId) {
    return store.keptPieces(observationId).stream().map(r -> new KeptPiece(r.index(), r.sha1(),
        r.contentSha256(), r.size(), mediaRecords.declaring(r.contentMd5(), r.sha1(),
            r.contentSha256())
            .stream().map(DeclaredMedia::id).findFirst())).toList();
  }

  private record Kept(String sha256, String md5, int size) {}

  private JdbcP2p.NewObservation row(JsonNode o, long entryId, long sensorId, String text,
      String sha, String signature) {
    String ip = required(o, "remote_ip");
    int port = number(o, "remote_port").map(Long::intValue).orElseThrow(() ->
        new IllegalArgumentException("no \"remote_port\""));
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("remote_port out of range: " + port);
    }
    int family = number(o, "address_family").map(Long::intValue)
        .orElse(ip.contains(":") ? 6 : 4);
    List<StoredObservation.Piece> pieces = new ArrayList<>();
    JsonNode list = o.get("pieces");
    if (list != null && list.isArray()) {
      for (JsonNode p : list) {
        pieces.add(new StoredObservation.Piece(p.path("index").asInt(),
            p.path("sha1").asString(), p.path("verified").asBoolean()));
      }
    }
    String ext = text(o, "extension_handshake");
    return new JdbcP2p.NewObservation(entryId, sensorId, cut(required(o, "lead_source"), 300),
        ip, port, family, text(o, "local_ip"),
        number(o, "local_port").map(Long::intValue).orElse(null),
        Instant.parse(required(o, "started_at")), instant(o, "connected_at"),
        instant(o, "handshake_at"), instant(o, "last_message_at"),
        number(o, "clock_offset_ms").orElse(null), cut(text(o, "time_source"), 200),
        text(o, "peer_id"), cut(text(o, "client"), 200),
        ext == null ? null : Base64.getDecoder().decode(ext),
        number(o, "pieces_held").orElse(0L).intValue(),
        number(o, "pieces_total").orElse(0L).intValue(), cut(required(o, "outcome"), 24),
        cut(text(o, "outcome_detail"), 1000), number(o, "uploaded_bytes").orElse(0L),
        cut(text(o, "sensor_version"), 64), text, sha, signature, clock.instant(), pieces);
  }

  private static IntakeResult refused(IntakeResult.Why why, String reason) {
    return new IntakeResult.Refused(why, reason);
  }

  private static String text(JsonNode o, String field) {
    JsonNode v = o.get(field);
    return v == null || v.isNull() ? null : v.asString();
  }

  private static String required(JsonNode o, String field) {
    String v = text(o, field);
    if (v == null || v.isBlank()) {
      throw new IllegalArgumentException("no \"" + field + "\"");
    }
    return v;
  }

  private static Optional<Long> number(JsonNode o, String field) {
    JsonNode v = o.get(field);
    return v == null || !v.isNumber() ? Optional.empty() : Optional.of(v.asLong());
  }

  private static Instant instant(JsonNode o, String field) {
    String v = text(o, field);
    return v == null ? null : Instant.parse(v);
  }

  private static String cut(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }

  private static String digest(String algorithm, byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
