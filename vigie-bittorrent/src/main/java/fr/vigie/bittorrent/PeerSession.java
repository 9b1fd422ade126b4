package fr.vigie.bittorrent;

import fr.vigie.bittorrent.metainfo.Metainfo;
import fr.vigie.bittorrent.metainfo.MetainfoException;
import fr.vigie.bittorrent.wire.ExtensionHandshake;
import fr.vigie.bittorrent.wire.Handshake;
import fr.vigie.bittorrent.wire.Message;
import fr.vigie.bittorrent.wire.MessageReader;
import fr.vigie.bittorrent.wire.MessageWriter;
import fr.vigie.bittorrent.wire.Mse;
import fr.vigie.bittorrent.wire.PeerIds;
import fr.vigie.bittorrent.wire.Pex;
import fr.vigie.bittorrent.wire.UtMetadata;
import fr.vigie.bittorrent.wire.WireException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The exchange with one peer, on one (virtual) thread: connect, handshake, extension handshake,
 * bitfield, then optionally the info dictionary and pieces. Every wait is bounded. We send only
 * what {@link MessageWriter} can send: nothing we hold, ever.
 */
final class PeerSession {

  /** A bitfield for 2^24 pieces plus the id; blocks are 16 KiB. */
  private static final int MAX_MESSAGE = (1 << 21) + 1;
  /** Rejects of our requests by an unchoked peer before we call it a refusal. */
  private static final int MAX_REJECTS = 16;

  private final Swarm swarm;
  private final Lead lead;
  private final ProbeOptions o;

  private Stage stage = Stage.CONNECT;
  private Instant startedAt;
  private Instant connectedAt;
  private Instant handshakeAt;
  private Instant lastMessageAt;
  private InetSocketAddress local;
  private Handshake theirs;
  private boolean fast;
  private ExtensionHandshake extension;
  private final BitSet have = new BitSet();
  private int bitfieldBits = -1;
  private boolean bitfieldSeen;
  private boolean haveAll;
  private boolean lazy;
  private boolean peerChoking = true;
  private final Set<Integer> allowedFast = new HashSet<>();
  private final List<InetSocketAddress> pex = new ArrayList<>();
  private int requestsRefused;
  private int rejects;
  private boolean metadataVerified;
  private UtMetadata.Assembler metadata;
  private boolean metadataRejected;
  private int metadataCount;
  private PieceDownload download;
  private Optional<PieceResult> badPiece = Optional.empty();
  private MessageReader reader;
  private MessageWriter writer;
  private long sessionDeadline;

  private final boolean mse;
  private final boolean plaintextRefused;
  private String encryption = "none";
  private long mseSent;
  private long mseReceived;

  /** {@code mse}: open with MSE; {@code plaintextRefused}: a plaintext try was hung up on first. */
  PeerSession(Swarm swarm, Lead lead, boolean mse, boolean plaintextRefused) {
    this.swarm = swarm;
    this.lead = lead;
    this.o = swarm.options;
    this.mse = mse;
    this.plaintextRefused = plaintextRefused;
  }

  /**
   * One peer, with the options' encryption policy: plaintext first under {@link
   * Encryption#FALLBACK}, then MSE once if the peer hung up before its handshake.
   */
  static Observation observe(Swarm swarm, Lead lead) {
    Encryption policy = swarm.options.encryption();
    Observation first = new PeerSession(swarm, lead, policy == Encryption.ALWAYS, false).run();
    boolean hungUp = first.handshakeAt().isEmpty() && first.connectedAt().isPresent()
        && first.outcome() instanceof Outcome.Disconnected d && d.stage() == Stage.HANDSHAKE;
    if (policy == Encryption.FALLBACK && hungUp) {
      return new PeerSession(swarm, lead, true, true).run();
    }
    return first;
  }

  Observation run() {
    startedAt = o.clock().instant();
    sessionDeadline = System.nanoTime() + o.peerDeadline().toNanos();
    Outcome outcome;
    try (Socket socket = new Socket()) {
      outcome = exchange(socket);
    } catch (ConnectException e) {
      outcome = new Outcome.Refused(stage, "connection refused");
    } catch (SocketTimeoutException e) {
      outcome = new Outcome.TimedOut(stage);
    } catch (EOFException e) {
      outcome = new Outcome.Disconnected(stage, "closed by the peer");
    } catch (SocketException e) {
      outcome = stage == Stage.CONNECT ? new Outcome.Refused(stage, e.getMessage()) : new Outcome.Disconnected(stage, String.valueOf(e.getMessage()));
    } catch (IOException e) {
      outcome = new Outcome.Disconnected(stage, e.getClass().getSimpleName() + ": " + e.getMessage());
    } catch (WireException | MetainfoException e) {
      outcome = new Outcome.ProtocolError(stage, e.getMessage());
    } catch (RuntimeException e) {
      // one odd peer never stops the round; the record says what went wrong
      outcome = new Outcome.ProtocolError(stage, "unexpected " + e);
    }
    return observation(outcome);
  }

  private Outcome exchange(Socket socket) throws IOException {
    if (o.localAddress().isPresent()) {
      socket.bind(new InetSocketAddress(o.localAddress().get(), 0));
      // known before the connect, so that even a refused attempt says where it left from
      local = (InetSocketAddress) socket.getLocalSocketAddress();
    }
    socket.connect(lead.address(), (int) o.connectTimeout().toMillis());
    connectedAt = o.clock().instant();
    local = (InetSocketAddress) socket.getLocalSocketAddress();
    socket.setTcpNoDelay(true);
    java.io.InputStream in = new BufferedInputStream(socket.getInputStream(), 32 * 1024);
    java.io.OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 4096);

    stage = Stage.HANDSHAKE;
    socket.setSoTimeout(timeout(o.handshakeTimeout()));
    Handshake ours = Handshake.ours(swarm.target.wireHash(), swarm.peerId);
    if (mse) {
      // our handshake travels inside the MSE exchange as its initial payload
      Mse.Negotiated n = Mse.initiate(in, out, swarm.target.wireHash(), ours.encode());
      encryption = n.method() == Mse.Method.RC4 ? "mse_rc4" : "mse_plaintext";
      mseSent = n.bytesSent();
      mseReceived = n.bytesReceived();
      in = n.in();
      out = n.out();
    }
    reader = new MessageReader(in, MAX_MESSAGE);
    writer = new MessageWriter(out);
    if (!mse) {
      writer.handshake(ours);
    }
    writer.flush();
    theirs = Handshake.decode(reader.readRaw(Handshake.LENGTH));
    if (!Arrays.equals(theirs.infoHash(), swarm.target.wireHash())) {
      return new Outcome.Refused(stage, "the peer answered for another infohash");
    }
    handshakeAt = o.clock().instant();
    lastMessageAt = handshakeAt;
    fast = theirs.fastExtension();
    if (fast) {
      writer.haveNone();
    }
    if (theirs.extensionProtocol()) {
      writer.extended(0, ExtensionHandshake.ours());
    }
    writer.flush();

    stage = theirs.extensionProtocol() ? Stage.EXTENSION_HANDSHAKE : Stage.BITFIELD;
    long deadline = System.nanoTime() + o.bitfieldWait().toNanos();
    while (!(bitfieldSeen && (extension != null || !theirs.extensionProtocol()))) {
      Message m = next(socket, deadline);
      if (m == null) {
        break; // silence is allowed here: a peer holding nothing need not say so
      }
      handle(m);
      stage = extension == null && theirs.extensionProtocol() ? Stage.EXTENSION_HANDSHAKE : Stage.BITFIELD;
    }

    if (o.piecesPerPeer() == 0 && !o.linger().isZero() && handshakeAt != null) {
      // a lazy bitfield's haves and a first PEX message come right after: listen a little longer
      long lingerEnd = System.nanoTime() + o.linger().toNanos();
      Message m;
      while ((m = next(socket, lingerEnd)) != null) {
        handle(m);
      }
    }

    boolean needMetadata = swarm.metainfo().isEmpty() || o.metadataFromEachPeer();
    if (o.fetchMetadata() && needMetadata && swarm.target instanceof Target.Magnet magnet) {
      Outcome failed = fetchMetadata(socket, magnet);
      if (failed != null) {
        return failed;
      }
    }
    if (o.piecesPerPeer() == 0) {
      return bitfieldSeen && !haveAll && have.isEmpty() ? new Outcome.NoPieces() : new Outcome.Observed();
    }
    Optional<Metainfo> metainfo = swarm.metainfo();
    if (metainfo.isEmpty()) {
      return new Outcome.Refused(Stage.METADATA, "no info dictionary to check pieces against: the peer offers none");
    }
    return downloadPieces(socket, metainfo.get());
  }

  private Outcome fetchMetadata(Socket socket, Target.Magnet magnet) throws IOException {
    stage = Stage.METADATA;
    if (extension == null || extension.utMetadata().isEmpty() || extension.metadataSize().isEmpty()) {
      return swarm.metainfo().isPresent() || o.piecesPerPeer() == 0 && !o.metadataFromEachPeer()
          ? null : new Outcome.Refused(stage, "the peer offers no ut_metadata");
    }
    long size = extension.metadataSize().getAsLong();
    if (size > o.maxMetadataSize()) {
      return new Outcome.Refused(stage, "info dictionary of " + size + " bytes, more than " + o.maxMetadataSize());
    }
    metadata = new UtMetadata.Assembler((int) size);
    int peerId = extension.utMetadata().getAsInt();
    for (int i = 0; i < metadata.pieces(); i++) {
      writer.extended(peerId, UtMetadata.request(i));
    }
    writer.flush();
    long deadline = System.nanoTime() + o.messageTimeout().toNanos();
    while (!metadata.complete()) {
      Message m = next(socket, deadline);
      if (m == null) {
        return new Outcome.TimedOut(stage);
      }
      int before = metadataProgress();
      handle(m);
      if (metadataRejected) {
        return new Outcome.Refused(stage, "the peer rejected our metadata request");
      }
      if (metadataProgress() > before) {
        deadline = System.nanoTime() + o.messageTimeout().toNanos();
      }
    }
    byte[] info = metadata.bytes();
    metadata = null;
    if (!magnet.matches(info)) {
      return new Outcome.BadMetadata();
    }
    swarm.offer(Metainfo.fromInfo(info, magnet.trackerTiers()));
    metadataVerified = true;
    return null;
  }

  /** Metadata pieces received so far: each one restarts the wait for the next. */
  private int metadataProgress() {
    return metadataCount;
  }

  private Outcome downloadPieces(Socket socket, Metainfo metainfo) throws IOException {
    int total = metainfo.pieceCount();
    List<Integer> held = new ArrayList<>();
    for (int i = 0; i < total; i++) {
      if (haveAll || have.get(i)) {
        held.add(i);
      }
    }
    if (held.isEmpty()) {
      return new Outcome.NoPieces();
    }
    Collections.shuffle(held, ThreadLocalRandom.current());
    List<Integer> chosen = held.subList(0, Math.min(o.piecesPerPeer(), held.size()));
    download = new PieceDownload(metainfo, chosen, o.pipeline(), o.clock());
    stage = Stage.UNCHOKE;
    writer.interested();
    writer.flush();
    long unchokeDeadline = System.nanoTime() + o.unchokeWait().toNanos();
    long progressDeadline = System.nanoTime() + o.messageTimeout().toNanos();
    Instant waitingSince = o.clock().instant();
    while (!download.done()) {
      download.fill(writer, peerChoking, allowedFast);
      boolean waitingForUnchoke = peerChoking && download.outstanding() == 0;
      stage = waitingForUnchoke ? Stage.UNCHOKE : Stage.PIECES;
      Message m = next(socket, waitingForUnchoke ? unchokeDeadline : progressDeadline);
      if (m == null) {
        return waitingForUnchoke ? new Outcome.Choked(Duration.between(waitingSince, o.clock().instant())) : new Outcome.TimedOut(stage);
      }
      boolean wasChoking = peerChoking;
      int doneBefore = download.results().size();
      int outstandingBefore = download.outstanding();
      handle(m);
      if (badPiece.isPresent()) {
        return new Outcome.BadPiece(badPiece.get().index());
      }
      if (rejects > MAX_REJECTS) {
        return new Outcome.Refused(Stage.PIECES, "the peer rejected " + rejects + " of our requests");
      }
      if (!wasChoking && peerChoking) {
        unchokeDeadline = System.nanoTime() + o.unchokeWait().toNanos();
        waitingSince = o.clock().instant();
      }
      if (download.results().size() > doneBefore || download.outstanding() < outstandingBefore || wasChoking != peerChoking) {
        progressDeadline = System.nanoTime() + o.messageTimeout().toNanos();
      }
    }
    return new Outcome.Verified(download.results().size());
  }

  /** The next message, or null once {@code deadline} (System.nanoTime) or the session's deadline passes. */
  private Message next(Socket socket, long deadline) throws IOException {
    long end = Math.min(deadline, sessionDeadline);
    long left = end - System.nanoTime();
    if (left <= 0) {
      if (sessionDeadline <= System.nanoTime()) {
        throw new SocketTimeoutException("the session's deadline passed");
      }
      return null;
    }
    socket.setSoTimeout((int) Math.max(1, left / 1_000_000));
    try {
      Message m = reader.read();
      lastMessageAt = o.clock().instant();
      return m;
    } catch (SocketTimeoutException e) {
      if (sessionDeadline <= System.nanoTime()) {
        throw e;
      }
      return null;
    }
  }

  private void handle(Message m) throws IOException {
    switch (m) {
      case Message.KeepAlive k -> { }
      case Message.Choke c -> {
        peerChoking = true;
        if (!fast && download != null) {
          download.requeueAll();
        }
      }
      case Message.Unchoke u -> peerChoking = false;
      case Message.Interested i -> { } // we keep every peer choked: never an unchoke
      case Message.NotInterested n -> { }
      case Message.Have h -> {
        if (h.index() < 0 || h.index() >= (1 << 24)) {
          throw new WireException("have for piece " + h.index());
        }
        if (bitfieldSeen && !haveAll && !have.get(h.index())) {
          lazy = true;
        }
        have.set(h.index());
      }
      case Message.Bitfield b -> {
        BitSet bits = BitSet.valueOf(reverseBits(b.bits()));
        have.or(bits);
        bitfieldBits = b.bits().length * 8;
        bitfieldSeen = true;
      }
      case Message.HaveAll a -> {
        haveAll = true;
        bitfieldSeen = true;
      }
      case Message.HaveNone n -> bitfieldSeen = true;
      case Message.Request r -> {
        requestsRefused++;
        if (fast) {
          writer.reject(r.index(), r.begin(), r.length());
          writer.flush();
        }
      }
      case Message.Cancel c -> { }
      case Message.Piece p -> {
        if (download == null) {
          throw new WireException("a block we did not ask for");
        }
        download.received(p.index(), p.begin(), p.block()).filter(r -> !r.verified()).ifPresent(r -> badPiece = Optional.of(r));
      }
      case Message.Reject r -> {
        if (download != null && download.rejected(r.index(), r.begin(), r.length())) {
          rejects++;
        }
      }
      case Message.AllowedFast a -> allowedFast.add(a.index());
      case Message.Suggest s -> { }
      case Message.Port p -> { }
      case Message.Extended e -> extended(e);
      case Message.Unknown u -> { }
    }
  }

  private void extended(Message.Extended e) throws IOException {
    switch (e.extendedId()) {
      case 0 -> extension = ExtensionHandshake.parse(e.payload());
      case ExtensionHandshake.OUR_UT_METADATA -> {
        UtMetadata.Received r = UtMetadata.parse(e.payload());
        switch (r) {
          case UtMetadata.Received.Request q -> {
            // we never serve the info dictionary either
            if (extension != null && extension.utMetadata().isPresent()) {
              writer.extended(extension.utMetadata().getAsInt(), UtMetadata.reject(q.piece()));
              writer.flush();
            }
          }
          case UtMetadata.Received.Data d -> {
            if (metadata != null) {
              metadata.accept(d.piece(), d.data());
              metadataCount++;
            }
          }
          case UtMetadata.Received.Reject j -> {
            if (metadata != null) {
              metadataRejected = true;
            }
          }
        }
      }
      case ExtensionHandshake.OUR_UT_PEX -> {
        List<InetSocketAddress> added = Pex.added(e.payload());
        pex.addAll(added);
        swarm.pex(lead.address(), added);
      }
      default -> { }
    }
  }

  /** BEP 3 bitfields are high bit first; {@link BitSet#valueOf} reads low bit first. */
  static byte[] reverseBits(byte[] in) {
    byte[] out = new byte[in.length];
    for (int i = 0; i < in.length; i++) {
      out[i] = (byte) (Integer.reverse(in[i] & 0xff) >>> 24);
    }
    return out;
  }

  private int timeout(Duration d) {
    long left = (sessionDeadline - System.nanoTime()) / 1_000_000;
    return (int) Math.max(1, Math.min(d.toMillis(), left));
  }

  private Observation observation(Outcome outcome) {
    Optional<Metainfo> metainfo = swarm.metainfo();
    int total = metainfo.map(Metainfo::pieceCount).orElse(bitfieldBits < 0 ? 0 : bitfieldBits);
    int held;
    Optional<Bytes> bitfield = Optional.empty();
    if (handshakeAt != null && bitfieldSeen) {
      BitSet bits = haveAll ? new BitSet() : (BitSet) have.clone();
      if (haveAll) {
        bits.set(0, total);
      }
      if (total > 0) {
        bits.clear(total, Math.max(total, bits.length()));
      }
      held = bits.cardinality();
      int bytes = (Math.max(total, bits.length()) + 7) / 8;
      bitfield = Optional.of(new Bytes(reverseBits(Arrays.copyOf(bits.toByteArray(), bytes))));
    } else {
      held = 0;
    }
    long sent = mseSent + (writer == null ? 0 : writer.bytesSent());
    long payload = writer == null ? 0 : writer.payloadBytesSent();
    long received = mseReceived + (reader == null ? 0 : reader.bytesRead());
    return new Observation(
        swarm.target.infoHash(), lead.source(), lead.address(), Optional.ofNullable(local), encryption, plaintextRefused, startedAt,
        Optional.ofNullable(connectedAt), Optional.ofNullable(handshakeAt), Optional.ofNullable(lastMessageAt),
        Optional.ofNullable(theirs).map(h -> new Bytes(h.peerId())),
        Optional.ofNullable(theirs).map(h -> PeerIds.clientName(h.peerId())),
        Optional.ofNullable(theirs).map(h -> new Bytes(h.reserved())),
        Optional.ofNullable(extension).map(x -> new Bytes(x.raw())),
        Optional.ofNullable(extension).flatMap(ExtensionHandshake::client),
        bitfield, lazy, held, total, metadataVerified,
        download == null ? List.of() : download.results(),
        payload, sent, received, requestsRefused, pex, outcome);
  }
}
