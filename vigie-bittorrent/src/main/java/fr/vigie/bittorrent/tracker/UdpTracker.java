package fr.vigie.bittorrent.tracker;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * UDP tracker announces (BEP 15): connect, then announce, each retried with a doubling timeout.
 * One socket per announce, so concurrent announces never see each other's answers.
 */
public final class UdpTracker {

  static final long PROTOCOL_ID = 0x41727101980L;
  static final int CONNECT = 0;
  static final int ANNOUNCE = 1;
  static final int ERROR = 3;

  private final TrackerOptions options;
  private final SecureRandom random = new SecureRandom();

  public UdpTracker(TrackerOptions options) {
    this.options = options;
  }

  public AnnounceResult announce(String url, AnnounceRequest request) {
    Instant at = options.clock().instant();
    InetSocketAddress tracker;
    try {
      URI uri = URI.create(url);
      if (uri.getHost() == null || uri.getPort() < 1) {
        return new AnnounceResult.Failed(url, at, "UDP tracker URL needs a host and a port");
      }
      String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1) : uri.getHost();
      tracker = new InetSocketAddress(InetAddress.getByName(host), uri.getPort());
    } catch (IllegalArgumentException | IOException e) {
      return new AnnounceResult.Failed(url, at, "bad UDP tracker URL: " + e.getMessage());
    }
    try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(tracker.getAddress() instanceof Inet6Address ? InetAddress.getByName("::") : InetAddress.getByName("0.0.0.0"), 0))) {
      socket.connect(tracker);
      int tid = random.nextInt();
      ByteBuffer connect = ByteBuffer.allocate(16).putLong(PROTOCOL_ID).putInt(CONNECT).putInt(tid);
      Answer c = exchange(socket, connect.array(), tid);
      if (c instanceof Answer.Error e) {
        return new AnnounceResult.Refused(url, at, e.message());
      }
      if (!(c instanceof Answer.Ok ok) || ok.action() != CONNECT || ok.body().remaining() < 8) {
        return new AnnounceResult.Failed(url, at, switch (c) {
          case Answer.Timeout t -> "no answer to connect";
          case Answer.Unreachable u -> "port unreachable";
          default -> "bad connect answer";
        });
      }
      long connectionId = ok.body().getLong();
      tid = random.nextInt();
      ByteBuffer announce = ByteBuffer.allocate(98)
          .putLong(connectionId).putInt(ANNOUNCE).putInt(tid)
          .put(request.infoHash()).put(request.peerId())
          .putLong(0) // downloaded
          .putLong(request.left())
          .putLong(0) // uploaded
          .putInt(request.event().udp())
          .putInt(0) // IP: the sender's
          .putInt(request.key())
          .putInt(request.numWant())
          .putShort((short) request.port());
      Answer a = exchange(socket, announce.array(), tid);
      return switch (a) {
        case Answer.Error e -> new AnnounceResult.Refused(url, at, e.message());
        case Answer.Timeout t -> new AnnounceResult.Failed(url, at, "no answer to announce");
        case Answer.Unreachable u -> new AnnounceResult.Failed(url, at, "port unreachable");
        case Answer.Ok r -> {
          if (r.action() != ANNOUNCE || r.body().remaining() < 12) {
            yield new AnnounceResult.Failed(url, at, "bad announce answer");
          }
          ByteBuffer body = r.body();
          int interval = body.getInt();
          int leechers = body.getInt();
          int seeders = body.getInt();
          byte[] rest = new byte[body.remaining()];
          body.get(rest);
          // the entry size follows the family of the socket we asked on (BEP 15)
          List<InetSocketAddress> peers = tracker.getAddress() instanceof Inet6Address ? CompactPeers.ipv6(rest) : CompactPeers.ipv4(rest);
          yield new AnnounceResult.Peers(url, at, peers, Math.max(0, interval), OptionalInt.of(Math.max(0, seeders)),
              OptionalInt.of(Math.max(0, leechers)), Optional.empty());
        }
      };
    } catch (IOException e) {
      return new AnnounceResult.Failed(url, at, e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  private sealed interface Answer {
    record Ok(int action, ByteBuffer body) implements Answer {}

    record Error(String message) implements Answer {}

    record Timeout() implements Answer {}

    record Unreachable() implements Answer {}
  }

  /** Sends and waits, retrying with a doubled timeout; answers with another transaction id are dropped. */
  private Answer exchange(DatagramSocket socket, byte[] request, int tid) throws IOException {
    Duration wait = options.udpTimeout();
    byte[] buffer = new byte[options.maxAnswerBytes() > 65_535 ? 65_535 : options.maxAnswerBytes()];
    for (int attempt = 0; attempt < options.udpAttempts(); attempt++) {
      socket.send(new DatagramPacket(request, request.length));
      long deadline = System.nanoTime() + wait.toNanos();
      while (true) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          break;
        }
        socket.setSoTimeout((int) Math.max(1, left / 1_000_000));
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        try {
          socket.receive(packet);
        } catch (SocketTimeoutException e) {
          break;
        } catch (java.net.PortUnreachableException e) {
          return new Answer.Unreachable();
        }
        if (packet.getLength() < 8) {
          continue;
        }
        ByteBuffer in = ByteBuffer.wrap(Arrays.copyOf(packet.getData(), packet.getLength()));
        int action = in.getInt();
        if (in.getInt() != tid) {
          continue;
        }
        if (action == ERROR) {
          byte[] msg = new byte[in.remaining()];
          in.get(msg);
          return new Answer.Error(new String(msg, StandardCharsets.UTF_8));
        }
        return new Answer.Ok(action, in.slice());
      }
      wait = wait.multipliedBy(2);
    }
    return new Answer.Timeout();
  }
}
