package fr.vigie.bittorrent;

import fr.vigie.bittorrent.metainfo.InfoHash;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What our own connection to one peer showed: the record the application signs and keeps. All
 * instants come from the probe's {@link java.time.Clock} (UTC, milliseconds).
 *
 * @param infoHash the torrent asked for
 * @param lead where the address came from (a lead is not evidence: this record is)
 * @param remote the peer's IP and port
 * @param local our IP and port for this connection, once connected
 * @param encryption {@code none}, or MSE with {@code rc4} or {@code plaintext} chosen by the peer
 * @param plaintextRefused the peer hung up on a plaintext handshake first (then MSE was tried)
 * @param startedAt when we began connecting
 * @param connectedAt TCP connection established
 * @param handshakeAt the peer's handshake read, with our infohash
 * @param lastMessageAt the last message read from the peer
 * @param peerId the peer's 20-byte id
 * @param client the client named by the peer id conventions
 * @param reserved the peer's 8 reserved handshake bytes (extension bits)
 * @param extensionHandshake the raw bencoded BEP 10 handshake, as received
 * @param reportedClient the {@code v} of the extension handshake, as the peer wrote it
 * @param bitfield the pieces the peer said it holds (bitfield, then haves; have_all expanded)
 * @param lazyBitfield a bitfield followed by {@code have}s for pieces it left out
 * @param piecesHeld count of bits set in {@code bitfield}
 * @param piecesTotal pieces of the torrent, when known
 * @param metadataVerified the info dictionary came from this peer by ut_metadata and hashed to the infohash
 * @param pieces pieces downloaded from this peer alone
 * @param uploadedBytes payload bytes we sent this peer: always 0
 * @param bytesSent every byte we sent (handshakes, requests, rejects)
 * @param bytesReceived every byte we read
 * @param requestsRefused requests the peer made of us, all refused
 * @param pexPeers addresses the peer sent by PEX: new leads
 * @param outcome how it ended
 */
public record Observation(
    InfoHash infoHash,
    LeadSource lead,
    InetSocketAddress remote,
    Optional<InetSocketAddress> local,
    String encryption,
    boolean plaintextRefused,
    Instant startedAt,
    Optional<Instant> connectedAt,
    Optional<Instant> handshakeAt,
    Optional<Instant> lastMessageAt,
    Optional<Bytes> peerId,
    Optional<String> client,
    Optional<Bytes> reserved,
    Optional<Bytes> extensionHandshake,
    Optional<String> reportedClient,
    Optional<Bytes> bitfield,
    boolean lazyBitfield,
    int piecesHeld,
    int piecesTotal,
    boolean metadataVerified,
    List<PieceResult> pieces,
    long uploadedBytes,
    long bytesSent,
    long bytesReceived,
    int requestsRefused,
    List<InetSocketAddress> pexPeers,
    Outcome outcome) {

  public Observation {
    pieces = List.copyOf(pieces);
    pexPeers = List.copyOf(pexPeers);
  }

  /** 4 or 6. */
  public int family() {
    return Addresses.family(remote.getAddress());
  }
}
