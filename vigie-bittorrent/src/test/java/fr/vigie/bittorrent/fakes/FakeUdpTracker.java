package fr.vigie.bittorrent.fakes;

import fr.vigie.bittorrent.tracker.CompactPeers;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A loopback UDP tracker (BEP 15) that can drop packets, to test retries; records announces. */
public final class FakeUdpTracker implements Closeable {

  /** One announce as received. */
  public record Announce(String infoHashHex, long downloaded, long left, long uploaded, int event, int numWant, int port) {}

  private final DatagramSocket socket;
  private final Map<String, Set<InetSocketAddress>> swarms = new ConcurrentHashMap<>();
  private final Map<String, String> failures = new ConcurrentHashMap<>();
  private final Set<Long> connections = ConcurrentHashMap.newKeySet();
  public final List<Announce> announces = new CopyOnWriteArrayList<>();
  private final AtomicInteger toDrop = new AtomicInteger();
  public final AtomicInteger received = new AtomicInteger();
  private final Thread thread;

  private FakeUdpTracker(DatagramSocket socket) {
    this.socket = socket;
    this.thread = Thread.ofVirtual().start(this::run);
  }

  public static FakeUdpTracker start() throws IOException {
    return new FakeUdpTracker(new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)));
  }

  public String url() {
    return "udp://127.0.0.1:" + socket.getLocalPort() + "/announce";
  }

  public void list(String infoHashHex, InetSocketAddress peer) {
    swarms.computeIfAbsent(infoHashHex, k -> ConcurrentHashMap.newKeySet()).add(peer);
  }

  public void refuse(String infoHashHex, String reason) {
    failures.put(infoHashHex, reason);
  }

  /** The next {@code n} packets get no answer. */
  public void drop(int n) {
    toDrop.set(n);
  }

  private void run() {
    byte[] buf = new byte[2048];
    while (!socket.isClosed()) {
      DatagramPacket p = new DatagramPacket(buf, buf.length);
      try {
        socket.receive(p);
      } catch (IOException e) {
        return;
      }
      received.incrementAndGet();
      if (toDrop.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        continue;
      }
      ByteBuffer in = ByteBuffer.wrap(p.getData(), 0, p.getLength());
      try {
        byte[] reply = answer(in);
        if (reply != null) {
          socket.send(new DatagramPacket(reply, reply.length, p.getSocketAddress()));
        }
      } catch (IOException | RuntimeException e) {
        // a malformed packet: no answer
      }
    }
  }

  private byte[] answer(ByteBuffer in) {
    long connection = in.getLong();
    int action = in.getInt();
    int tid = in.getInt();
    if (action == 0 && connection == 0x41727101980L) {
      long id = new java.util.Random().nextLong();
      connections.add(id);
      return ByteBuffer.allocate(16).putInt(0).putInt(tid).putLong(id).array();
    }
    if (action == 1 && connections.contains(connection)) {
      byte[] ih = new byte[20];
      in.get(ih);
      in.get(new byte[20]);
      long downloaded = in.getLong();
      long left = in.getLong();
      long uploaded = in.getLong();
      int event = in.getInt();
      in.getInt();
      in.getInt();
      int numWant = in.getInt();
      int port = in.getShort() & 0xffff;
      String hex = HexFormat.of().formatHex(ih);
      announces.add(new Announce(hex, downloaded, left, uploaded, event, numWant, port));
      String failure = failures.get(hex);
      if (failure != null) {
        byte[] msg = failure.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(8 + msg.length).putInt(3).putInt(tid).put(msg).array();
      }
      ByteArrayOutputStream peers = new ByteArrayOutputStream();
      Set<InetSocketAddress> list = swarms.getOrDefault(hex, Set.of());
      list.stream().filter(a -> a.getAddress().getAddress().length == 4).forEach(a -> peers.writeBytes(CompactPeers.encode(a)));
      ByteBuffer out = ByteBuffer.allocate(20 + peers.size()).putInt(1).putInt(tid).putInt(900).putInt(0).putInt(list.size());
      return out.put(peers.toByteArray()).array();
    }
    return ByteBuffer.allocate(8 + 5).putInt(3).putInt(tid).put("nope.".getBytes(StandardCharsets.US_ASCII)).array();
  }

  @Override
  public void close() {
    socket.close();
    try {
      thread.join(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
