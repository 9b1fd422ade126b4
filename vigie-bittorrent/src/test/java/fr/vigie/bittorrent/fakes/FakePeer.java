package fr.vigie.bittorrent.fakes;

import fr.vigie.bittorrent.bencode.BValue;
import fr.vigie.bittorrent.bencode.BValue.BDict;
import fr.vigie.bittorrent.bencode.Bencode;
import fr.vigie.bittorrent.bencode.BencodeLimits;
import fr.vigie.bittorrent.bencode.BencodeWriter;
import fr.vigie.bittorrent.tracker.CompactPeers;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback peer that seeds (or pretends to) one torrent, with a chosen misbehaviour, and counts
 * what we send it. Its wire code is its own (it must send pieces, which the module cannot).
 */
public final class FakePeer implements Closeable {

  /** What the peer accepts: plaintext only, MSE or plaintext, MSE only (hangs up on plaintext). */
  public enum Crypto { PLAINTEXT_ONLY, EITHER, MSE_ONLY }

  /** What the peer says it holds. */
  public enum Holding { FULL_BITFIELD, LAZY_BITFIELD, HAVE_ALL, HAVE_NONE, EMPTY_BITFIELD, NOTHING_SAID }

  /**
   * @param unchokeAfter delay after our interested before the unchoke; null: never
   * @param corrupt serve pieces with one byte flipped
   * @param rejectRequests answer requests with reject (fast) even when unchoked
   * @param ignoreRequests never answer requests (claims everything, serves nothing)
   * @param stall send nothing after the handshake
   * @param disconnectAfterHandshake close right after its handshake
   * @param askForPieces request pieces from us and send interested
   * @param pex addresses sent by ut_pex once our extension handshake arrives
   * @param metadata serve ut_metadata; {@code badMetadata} serves other bytes
   * @param wrongInfohash answer with another infohash
   * @param allowedFast pieces allowed fast (BEP 6) while choked
   */
  public record Behaviour(boolean extensions, boolean fast, Holding holding, Duration unchokeAfter, boolean corrupt,
      boolean rejectRequests, boolean ignoreRequests, boolean stall, boolean disconnectAfterHandshake, boolean askForPieces,
      List<InetSocketAddress> pex, boolean metadata, boolean badMetadata, boolean wrongInfohash, Set<Integer> allowedFast,
      String peerIdPrefix, Crypto crypto) {

    /** An honest seeder: extensions, fast, full bitfield, unchokes at once, serves metadata. */
    public static Behaviour seeder() {
      return new Behaviour(true, true, Holding.FULL_BITFIELD, Duration.ZERO, false, false, false, false, false, false, List.of(),
          true, false, false, Set.of(), "-TR3000-", Crypto.PLAINTEXT_ONLY);
    }

    public Behaviour withHolding(Holding h) { return new Behaviour(extensions, fast, h, unchokeAfter, corrupt, rejectRequests, ignoreRequests, stall, disconnectAfterHandshake, askForPieces, pex, metadata, badMetadata, wrongInfohash, allowedFast, peerIdPrefix, crypto); }
    public Behaviour withFast(boolean f) { return new Behaviour(extensions, f, holding, unchokeAfter, corrupt, rejectRequests, ignoreRequests, stall, disconnectAfterHandshake, askForPieces, pex, metadata, badMetadata, wrongInfohash, allowedFast, peerIdPrefix, crypto); }
    public Behaviour withExtensions(boolean e) { return new Behaviour(e, fast, holding, unchokeAfter, corrupt, rejectRequests, ignoreRequests, stall, disconnectAfterHandshake, askForPieces, pex, metadata, badMetadata, wrongInfohash, allowedFast, peerIdPrefix, crypto); }
    public Behaviour neverUnchoking() { return new Behaviour(extensions, fast, holding, null, corrupt, rejectRequests, ignoreRequests, stall, disconnectAfterHandshake, askForPieces, pex, metadata, badMetadata, wrongInfohash, allowedFast, peerIdPrefix, crypto); }
    public Behaviour unchokingAfter(Duration d) { return new Behaviour(extensions, fast, holding, d, corrupt, rejectRequests, ignoreRequests, stall, disconnectAfterHandshake, askForPieces, pex, metadata, badMetadata, wrongInfohash, allowedFast, peerIdPrefix, crypto); }
    public Behaviour corrupting() { return new Behaviour(extensions, fast, holding, unchokeAfter, true, rejectRequests, ignoreRequests, stall, disconnectAfterHandshake, askForPieces, pex, metadata, badMetadata, wrongInfohash, allowedFast, peerIdPrefix, crypto); }
    public Behaviour rejecting() { return new Behaviour(extensions, fast, holding, unchokeAfter, corrupt, true, ignoreRequests, stall, disconnectAfterHandshake, askForPieces, pex, metadata, badMetadata, wrongInfohash, allowedFast, peerIdPrefix, crypto); }
    public Behaviour ignoringRequests() { return new Behaviour(extensions, fast, holding, unchokeAfter, corrupt, rejectRequests, true, stall, disconnectAfterHandshake, askForPieces, pex, metadata, badMetadata, wrongInfohash, allowedFast, peerIdPrefix, crypto); }
    public Behaviour stalling() { return new Behaviour(extensions, fast, holding, unchokeAfter, corrupt, rejectRequests, ignoreRequests, true, disconnectAfterHandshake, askForPieces, pex, metadata, badMetadata, wrongInfohash, allowedFast, peerIdPrefix, crypto); }
    public Behaviour disconnecting() { return new Behaviour(extensions, fast, holding, unchokeAfter, corrupt, rejectRequests, ignoreRequests, stall, true, askForPieces, pex, metadata, badMetadata, wrongInfohash, allowedFast, peerIdPrefix, crypto); }
    public Behaviour askingForPieces() { return new Behaviour(extensions, fast, holding, unchokeAfter, corrupt, rejectRequests, ignoreRequests, stall, disconnectAfterHandshake, true, pex, metadata, badMetadata, wrongInfohash, allowedFast, peerIdPrefix, crypto); }
    public Behaviour sendingPex(List<InetSocketAddress> p) { return new Behaviour(extensions, fast, holding, unchokeAfter, corrupt, rejectRequests, ignoreRequests, stall, disconnectAfterHandshake, askForPieces, p, metadata, badMetadata, wrongInfohash, allowedFast, peerIdPrefix, crypto); }
    public Behaviour withMetadata(boolean serve, boolean bad) { return new Behaviour(extensions, fast, holding, unchokeAfter, corrupt, rejectRequests, ignoreRequests, stall, disconnectAfterHandshake, askForPieces, pex, serve, bad, wrongInfohash, allowedFast, peerIdPrefix, crypto); }
    public Behaviour answeringForAnotherTorrent() { return new Behaviour(extensions, fast, holding, unchokeAfter, corrupt, rejectRequests, ignoreRequests, stall, disconnectAfterHandshake, askForPieces, pex, metadata, badMetadata, true, allowedFast, peerIdPrefix, crypto); }
    public Behaviour withCrypto(Crypto c) { return new Behaviour(extensions, fast, holding, unchokeAfter, corrupt, rejectRequests, ignoreRequests, stall, disconnectAfterHandshake, askForPieces, pex, metadata, badMetadata, wrongInfohash, allowedFast, peerIdPrefix, c); }
    public Behaviour allowingFast(Set<Integer> pieces) { return new Behaviour(extensions, fast, holding, unchokeAfter, corrupt, rejectRequests, ignoreRequests, stall, disconnectAfterHandshake, askForPieces, pex, metadata, badMetadata, wrongInfohash, pieces, peerIdPrefix, crypto); }
  }

  private static final int FAKE_UT_METADATA = 3;
  private static final int FAKE_UT_PEX = 4;

  private final ServerSocket server;
  private final byte[] infoHash;
  private final byte[] infoBytes;
  private final byte[] content;
  private final int pieceLength;
  private final Behaviour behaviour;
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private final Thread acceptor;

  public final AtomicLong connections = new AtomicLong();
  public final AtomicLong mseConnections = new AtomicLong();
  /** Piece messages we were sent: must stay 0. */
  public final AtomicLong piecesFromSensor = new AtomicLong();
  public final AtomicLong payloadBytesFromSensor = new AtomicLong();
  public final AtomicLong nonEmptyBitfieldsFromSensor = new AtomicLong();
  public final AtomicLong havesFromSensor = new AtomicLong();
  public final AtomicLong haveAllFromSensor = new AtomicLong();
  public final AtomicLong unchokesFromSensor = new AtomicLong();
  public final AtomicLong haveNoneFromSensor = new AtomicLong();
  public final AtomicLong rejectsFromSensor = new AtomicLong();
  public final AtomicLong metadataRejectsFromSensor = new AtomicLong();
  public final AtomicLong requestsFromSensor = new AtomicLong();
  public final AtomicLong metadataRequestsFromSensor = new AtomicLong();

  private FakePeer(ServerSocket server, byte[] infoHash, byte[] infoBytes, byte[] content, int pieceLength, Behaviour behaviour) {
    this.server = server;
    this.infoHash = infoHash;
    this.infoBytes = infoBytes;
    this.content = content;
    this.pieceLength = pieceLength;
    this.behaviour = behaviour;
    this.acceptor = Thread.ofVirtual().name("fake-peer-accept").start(this::accept);
  }

  /** Listens on {@code address}:ephemeral; {@code content} is the v1 byte stream the pieces cut. */
  public static FakePeer start(InetAddress address, byte[] infoHash, byte[] infoBytes, byte[] content, int pieceLength, Behaviour b)
      throws IOException {
    ServerSocket s = new ServerSocket();
    s.bind(new InetSocketAddress(address, 0), 1024);
    return new FakePeer(s, infoHash, infoBytes, content, pieceLength, b);
  }

  public InetSocketAddress address() {
    return (InetSocketAddress) server.getLocalSocketAddress();
  }

  private int pieceCount() {
    return (content.length + pieceLength - 1) / pieceLength;
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        sockets.add(s);
        connections.incrementAndGet();
        Thread.ofVirtual().start(() -> {
          try (s) {
            serve(s);
          } catch (IOException | RuntimeException e) {
            // the sensor closed, or a test ended: nothing to do
          } finally {
            sockets.remove(s);
          }
        });
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket s) throws IOException {
    s.setSoTimeout(30_000);
    s.setTcpNoDelay(true);
    java.io.InputStream raw = new BufferedInputStream(s.getInputStream());
    OutputStream plainOut = s.getOutputStream();
    raw.mark(20);
    byte[] start = raw.readNBytes(20);
    raw.reset();
    boolean plaintext = start.length == 20 && start[0] == 19
        && new String(start, 1, 19, StandardCharsets.ISO_8859_1).equals("BitTorrent protocol");
    if (plaintext && behaviour.crypto() == Crypto.MSE_ONLY || !plaintext && behaviour.crypto() == Crypto.PLAINTEXT_ONLY) {
      s.setSoLinger(true, 0); // a reset, as a client refusing the connection sends
      return; // hang up, as a client requiring (or not knowing) encryption does
    }
    if (!plaintext) {
      FakeMse.Accepted a = FakeMse.accept(raw, plainOut, infoHash);
      mseConnections.incrementAndGet();
      raw = a.in();
      plainOut = a.out();
    }
    OutputStream out = plainOut;
    DataInputStream in = new DataInputStream(raw);
    byte[] hs = new byte[68];
    in.readFully(hs);
    if (!Arrays.equals(hs, 28, 48, infoHash, 0, 20)) {
      return;
    }
    byte[] reserved = new byte[8];
    if (behaviour.extensions()) {
      reserved[5] |= 0x10;
    }
    if (behaviour.fast()) {
      reserved[7] |= 0x04;
    }
    boolean sensorFast = (hs[27] & 0x04) != 0;
    boolean fast = behaviour.fast() && sensorFast;
    byte[] answer = new byte[68];
    answer[0] = 19;
    System.arraycopy("BitTorrent protocol".getBytes(StandardCharsets.US_ASCII), 0, answer, 1, 19);
    System.arraycopy(reserved, 0, answer, 20, 8);
    byte[] hash = infoHash.clone();
    if (behaviour.wrongInfohash()) {
      hash[0] ^= 1;
    }
    System.arraycopy(hash, 0, answer, 28, 20);
    byte[] id = (behaviour.peerIdPrefix() + "abcdefghijklmnopqrst").substring(0, 20).getBytes(StandardCharsets.ISO_8859_1);
    System.arraycopy(id, 0, answer, 48, 20);
    Object lock = new Object();
    send(out, lock, answer);
    if (behaviour.disconnectAfterHandshake()) {
      return;
    }
    if (behaviour.stall()) {
      while (in.read() >= 0) {
        // read and say nothing until the sensor gives up
      }
      return;
    }
    if (behaviour.extensions()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("ut_metadata", FAKE_UT_METADATA);
      m.put("ut_pex", FAKE_UT_PEX);
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("m", m);
      if (behaviour.metadata()) {
        d.put("metadata_size", infoBytes.length);
      }
      d.put("v", "FakePeer 1.0");
      d.put("reqq", 250);
      send(out, lock, extended(0, BencodeWriter.encode(d)));
    }
    int pieces = pieceCount();
    switch (behaviour.holding()) {
      case FULL_BITFIELD -> send(out, lock, bitfield(pieces, Set.of()));
      case LAZY_BITFIELD -> {
        Set<Integer> left = Set.of(0, pieces - 1);
        send(out, lock, bitfield(pieces, left));
        for (int i : left) {
          send(out, lock, frame(4, ByteBuffer.allocate(4).putInt(i).array()));
        }
      }
      case HAVE_ALL -> send(out, lock, fast ? frame(14, new byte[0]) : bitfield(pieces, Set.of()));
      case HAVE_NONE -> {
        if (fast) {
          send(out, lock, frame(15, new byte[0]));
        }
      }
      case EMPTY_BITFIELD -> send(out, lock, emptyBitfield(pieces));
      case NOTHING_SAID -> { }
    }
    if (fast) {
      for (int i : behaviour.allowedFast()) {
        send(out, lock, frame(17, ByteBuffer.allocate(4).putInt(i).array()));
      }
    }
    if (behaviour.askForPieces()) {
      send(out, lock, frame(2, new byte[0]));
      for (int i = 0; i < 3; i++) {
        send(out, lock, frame(6, ByteBuffer.allocate(12).putInt(i % Math.max(1, pieces)).putInt(0).putInt(16384).array()));
      }
    }
    boolean[] unchoked = {false};
    int sensorPex = 0;
    int sensorMetadata = 0;
    while (true) {
      int length = in.readInt();
      if (length == 0) {
        continue;
      }
      byte[] body = new byte[length];
      in.readFully(body);
      int type = body[0] & 0xff;
      ByteBuffer b = ByteBuffer.wrap(body, 1, length - 1);
      switch (type) {
        case 1 -> unchokesFromSensor.incrementAndGet();
        case 2 -> {
          if (behaviour.unchokeAfter() != null) {
            Duration delay = behaviour.unchokeAfter();
            Thread.ofVirtual().start(() -> {
              try {
                Thread.sleep(delay);
                synchronized (lock) {
                  unchoked[0] = true;
                }
                send(out, lock, frame(1, new byte[0]));
              } catch (IOException | InterruptedException e) {
                // closed
              }
            });
          }
        }
        case 4 -> havesFromSensor.incrementAndGet();
        case 5 -> {
          for (int i = 1; i < body.length; i++) {
            if (body[i] != 0) {
              nonEmptyBitfieldsFromSensor.incrementAndGet();
              break;
            }
          }
        }
        case 6 -> {
          requestsFromSensor.incrementAndGet();
          int index = b.getInt();
          int begin = b.getInt();
          int len = b.getInt();
          boolean isUnchoked;
          synchronized (lock) {
            isUnchoked = unchoked[0];
          }
          boolean allowed = fast && behaviour.allowedFast().contains(index);
          if (behaviour.ignoreRequests()) {
            continue;
          }
          if (behaviour.rejectRequests() || (!isUnchoked && !allowed)) {
            if (fast) {
              send(out, lock, frame(16, ByteBuffer.allocate(12).putInt(index).putInt(begin).putInt(len).array()));
            }
            continue;
          }
          long offset = (long) index * pieceLength + begin;
          if (offset + len > content.length || len > 32768) {
            return;
          }
          byte[] block = Arrays.copyOfRange(content, (int) offset, (int) offset + len);
          if (behaviour.corrupt()) {
            block[0] ^= (byte) 0xff;
          }
          send(out, lock, frame(7, ByteBuffer.allocate(8 + len).putInt(index).putInt(begin).put(block).array()));
        }
        case 7 -> {
          piecesFromSensor.incrementAndGet();
          payloadBytesFromSensor.addAndGet(length - 9);
        }
        case 14 -> haveAllFromSensor.incrementAndGet();
        case 15 -> haveNoneFromSensor.incrementAndGet();
        case 16 -> rejectsFromSensor.incrementAndGet();
        case 20 -> {
          int ext = body[1] & 0xff;
          byte[] payload = Arrays.copyOfRange(body, 2, body.length);
          if (ext == 0) {
            BDict d = (BDict) Bencode.decode(payload, BencodeLimits.MESSAGE);
            sensorPex = d.dict("m").flatMap(m -> m.integer("ut_pex")).orElse(0L).intValue();
            sensorMetadata = d.dict("m").flatMap(m -> m.integer("ut_metadata")).orElse(0L).intValue();
            if (!behaviour.pex().isEmpty() && sensorPex > 0) {
              java.io.ByteArrayOutputStream v4 = new java.io.ByteArrayOutputStream();
              java.io.ByteArrayOutputStream v6 = new java.io.ByteArrayOutputStream();
              for (InetSocketAddress a : behaviour.pex()) {
                (a.getAddress().getAddress().length == 4 ? v4 : v6).writeBytes(CompactPeers.encode(a));
              }
              Map<String, Object> p = new LinkedHashMap<>();
              p.put("added", v4.toByteArray());
              p.put("added.f", new byte[v4.size() / 6]);
              if (v6.size() > 0) {
                p.put("added6", v6.toByteArray());
              }
              send(out, lock, extended(sensorPex, BencodeWriter.encode(p)));
            }
            if (behaviour.askForPieces() && sensorMetadata > 0) {
              send(out, lock, extended(sensorMetadata, BencodeWriter.encode(Map.of("msg_type", 0, "piece", 0))));
            }
          } else if (ext == FAKE_UT_METADATA) {
            BValue v = Bencode.decodePrefix(payload, 0, payload.length, BencodeLimits.MESSAGE);
            BDict d = (BDict) v;
            long msgType = d.integer("msg_type").orElse(-1L);
            int piece = d.integer("piece").orElse(0L).intValue();
            if (msgType == 2) {
              metadataRejectsFromSensor.incrementAndGet();
              continue;
            }
            if (msgType != 0) {
              continue;
            }
            metadataRequestsFromSensor.incrementAndGet();
            if (!behaviour.metadata() || sensorMetadata == 0) {
              if (sensorMetadata > 0) {
                send(out, lock, extended(sensorMetadata, BencodeWriter.encode(Map.of("msg_type", 2, "piece", piece))));
              }
              continue;
            }
            byte[] info = infoBytes.clone();
            if (behaviour.badMetadata()) {
              info[info.length / 2] ^= 1;
            }
            int from = piece * 16384;
            byte[] data = Arrays.copyOfRange(info, from, Math.min(info.length, from + 16384));
            Map<String, Object> h = new LinkedHashMap<>();
            h.put("msg_type", 1);
            h.put("piece", piece);
            h.put("total_size", info.length);
            byte[] header = BencodeWriter.encode(h);
            byte[] msg = Arrays.copyOf(header, header.length + data.length);
            System.arraycopy(data, 0, msg, header.length, data.length);
            send(out, lock, extended(sensorMetadata, msg));
          }
        }
        default -> { }
      }
    }
  }

  private static byte[] emptyBitfield(int pieces) {
    return frame(5, new byte[(pieces + 7) / 8]);
  }

  private static byte[] bitfield(int pieces, Set<Integer> missing) {
    if (pieces == 0) {
      return new byte[0];
    }
    byte[] bits = new byte[(pieces + 7) / 8];
    for (int i = 0; i < pieces; i++) {
      if (!missing.contains(i)) {
        bits[i / 8] |= (byte) (0x80 >>> (i % 8));
      }
    }
    return frame(5, bits);
  }

  private static byte[] extended(int id, byte[] payload) {
    byte[] body = new byte[payload.length + 1];
    body[0] = (byte) id;
    System.arraycopy(payload, 0, body, 1, payload.length);
    return frame(20, body);
  }

  private static byte[] frame(int id, byte[] body) {
    return ByteBuffer.allocate(5 + body.length).putInt(1 + body.length).put((byte) id).put(body).array();
  }

  private static void send(OutputStream out, Object lock, byte[] bytes) throws IOException {
    if (bytes.length == 0) {
      return;
    }
    synchronized (lock) {
      out.write(bytes);
      out.flush();
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket s : new ArrayList<>(sockets)) {
      s.close();
    }
    try {
      acceptor.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
