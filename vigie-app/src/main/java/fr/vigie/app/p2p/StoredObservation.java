package fr.vigie.app.p2p;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** An observation as stored, with its pieces. */
public record StoredObservation(long id, long watchEntryId, String infohash, String sensor,
    String leadSource, String remoteIp, int remotePort, int addressFamily,
    Optional<String> localIp, Optional<Integer> localPort, Instant startedAt,
    Optional<Instant> connectedAt, Optional<Instant> handshakeAt,
    Optional<Instant> lastMessageAt, Optional<Long> clockOffsetMs, Optional<String> timeSource,
    Optional<String> peerId, Optional<String> client, Optional<String> extensionHandshake,
    int piecesHeld, int piecesTotal, String outcome, String outcomeDetail, long uploadedBytes,
    Optional<String> sensorVersion, String signedText, String signature, Instant receivedAt,
    boolean signatureValid, Optional<Long> ipEventId, List<Piece> pieces) {

  public StoredObservation {
    pieces = List.copyOf(pieces);
  }

  /** One piece downloaded from that peer. */
  public record Piece(int index, String sha1, boolean verified) {}

  /** Our end of the connection, "ip port", or "" before it connected. */
  public String localEndpoint() {
    return localIp.map(ip -> ip + " : " + localPort.map(String::valueOf).orElse("")).orElse("");
  }

  /** How many of its pieces matched the torrent. */
  public long verifiedPieces() {
    return pieces.stream().filter(Piece::verified).count();
  }

  /** Whether its pieces all matched the torrent (at least one). */
  public boolean verified() {
    return !pieces.isEmpty() && pieces.stream().allMatch(Piece::verified);
  }
}
