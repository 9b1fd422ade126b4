package fr.vigie.bittorrent;

import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Observations as JSON Lines, one object per peer, with the field names of {@code ./vigie p2p
 * probe}. Instants are ISO-8601 UTC with milliseconds ({@code 2026-12-04T21:10:53.123Z}). The
 * {@code signature} field is written as {@code null}: the application signs {@link #unsigned} (the
 * same line without the signature field) and fills it. Piece data is never written here.
 */
public final class ObservationJson {

  private static final DateTimeFormatter UTC_MS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private ObservationJson() {}

  /** The line as signed: every field but {@code signature}, in a fixed order. */
  public static String unsigned(Observation o) {
    StringBuilder sb = new StringBuilder(1024).append('{');
    field(sb, "infohash", str(o.infoHash().hex()));
    field(sb, "infohash_version", str(o.infoHash().version().name().toLowerCase(java.util.Locale.ROOT)));
    field(sb, "lead_source", str(o.lead().label()));
    field(sb, "remote_ip", str(Addresses.ip(o.remote().getAddress())));
    field(sb, "remote_port", Integer.toString(o.remote().getPort()));
    field(sb, "address_family", Integer.toString(o.family()));
    field(sb, "local_ip", o.local().map(l -> str(Addresses.ip(l.getAddress()))).orElse("null"));
    field(sb, "local_port", o.local().map(l -> Integer.toString(l.getPort())).orElse("null"));
    field(sb, "encryption", str(o.encryption()));
    field(sb, "plaintext_refused", Boolean.toString(o.plaintextRefused()));
    field(sb, "started_at", str(instant(o.startedAt())));
    field(sb, "connected_at", opt(o.connectedAt().map(ObservationJson::instant)));
    field(sb, "handshake_at", opt(o.handshakeAt().map(ObservationJson::instant)));
    field(sb, "last_message_at", opt(o.lastMessageAt().map(ObservationJson::instant)));
    field(sb, "peer_id", opt(o.peerId().map(Bytes::hex)));
    field(sb, "client", opt(o.client()));
    field(sb, "client_reported", opt(o.reportedClient()));
    field(sb, "reserved", opt(o.reserved().map(Bytes::hex)));
    field(sb, "extension_handshake", opt(o.extensionHandshake().map(Bytes::base64)));
    field(sb, "bitfield", opt(o.bitfield().map(Bytes::hex)));
    field(sb, "lazy_bitfield", Boolean.toString(o.lazyBitfield()));
    field(sb, "pieces_held", Integer.toString(o.piecesHeld()));
    field(sb, "pieces_total", Integer.toString(o.piecesTotal()));
    field(sb, "metadata_verified", Boolean.toString(o.metadataVerified()));
    StringBuilder pieces = new StringBuilder("[");
    for (PieceResult p : o.pieces()) {
      if (pieces.length() > 1) {
        pieces.append(',');
      }
      pieces.append("{\"index\":").append(p.index()).append(",\"sha1\":").append(str(p.sha1Hex()))
          .append(",\"verified\":").append(p.verified()).append(",\"received_at\":").append(str(instant(p.completedAt()))).append('}');
    }
    field(sb, "pieces", pieces.append(']').toString());
    field(sb, "uploaded_bytes", Long.toString(o.uploadedBytes()));
    field(sb, "bytes_sent", Long.toString(o.bytesSent()));
    field(sb, "bytes_received", Long.toString(o.bytesReceived()));
    field(sb, "requests_refused", Integer.toString(o.requestsRefused()));
    field(sb, "pex_peers", Integer.toString(o.pexPeers().size()));
    field(sb, "outcome", str(o.outcome().label()));
    field(sb, "outcome_detail", str(detail(o.outcome())));
    return sb.append('}').toString();
  }

  /** The line with a signature (base64, or null before the application signs). */
  public static String line(Observation o, Optional<String> signature) {
    String u = unsigned(o);
    return u.substring(0, u.length() - 1) + ",\"signature\":" + opt(signature) + "}";
  }

  /** Writes one line per observation, unsigned ({@code "signature":null}). */
  public static void write(Writer out, Iterable<Observation> observations) throws IOException {
    for (Observation o : observations) {
      out.write(line(o, Optional.empty()));
      out.write('\n');
    }
  }

  static String detail(Outcome outcome) {
    return switch (outcome) {
      case Outcome.Verified v -> v.pieces() + " pieces";
      case Outcome.Observed x -> "";
      case Outcome.NoPieces x -> "";
      case Outcome.BadPiece b -> "piece " + b.index();
      case Outcome.BadMetadata b -> "";
      case Outcome.Choked c -> "choked for " + c.waited().toMillis() + " ms";
      case Outcome.Refused r -> r.stage().name().toLowerCase(java.util.Locale.ROOT) + ": " + r.reason();
      case Outcome.TimedOut t -> t.stage().name().toLowerCase(java.util.Locale.ROOT);
      case Outcome.Disconnected d -> d.stage().name().toLowerCase(java.util.Locale.ROOT) + ": " + d.detail();
      case Outcome.ProtocolError p -> p.stage().name().toLowerCase(java.util.Locale.ROOT) + ": " + p.detail();
    };
  }

  /** Milliseconds, UTC, always three decimals. */
  public static String instant(Instant i) {
    return UTC_MS.format(i.truncatedTo(ChronoUnit.MILLIS));
  }

  private static void field(StringBuilder sb, String name, String json) {
    if (sb.length() > 1) {
      sb.append(',');
    }
    sb.append('"').append(name).append("\":").append(json);
  }

  private static String opt(Optional<String> s) {
    return s.map(ObservationJson::str).orElse("null");
  }

  static String str(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20 || (c >= 0xd800 && c <= 0xdfff && !validSurrogate(s, i))) {
            sb.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }

  private static boolean validSurrogate(String s, int i) {
    char c = s.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
    }
    return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
  }
}
