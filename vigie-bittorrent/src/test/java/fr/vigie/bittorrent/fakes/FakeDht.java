package fr.vigie.bittorrent.fakes;

import fr.vigie.bittorrent.bencode.BValue.BBytes;
import fr.vigie.bittorrent.dht.DhtNode;
import fr.vigie.bittorrent.dht.Krpc;
import fr.vigie.bittorrent.dht.NodeId;
import java.io.Closeable;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback DHT of {@code n} nodes, each with its own UDP socket and a routing table of up to 8
 * nodes per bucket. Peers stored for an infohash live on the 8 nodes closest to it; others answer
 * with the closest nodes they know, so a lookup has to iterate. Counts queries by method.
 */
public final class FakeDht implements Closeable {

  private final List<Node> nodes = new ArrayList<>();
  public final Map<String, AtomicLong> queriesByMethod = new ConcurrentHashMap<>();
  public final AtomicLong packets = new AtomicLong();

  private final class Node {
    final NodeId id;
    final DatagramSocket socket;
    final List<DhtNode> known = new ArrayList<>();
    final Map<String, List<InetSocketAddress>> stored = new ConcurrentHashMap<>();
    volatile boolean silent;
    Thread thread;

    Node(NodeId id, DatagramSocket socket) {
      this.id = id;
      this.socket = socket;
    }

    DhtNode self() {
      return new DhtNode(id, (InetSocketAddress) socket.getLocalSocketAddress());
    }

    void run() {
      byte[] buf = new byte[2048];
      while (!socket.isClosed()) {
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        try {
          socket.receive(p);
        } catch (IOException e) {
          return;
        }
        packets.incrementAndGet();
        if (silent) {
          continue;
        }
        try {
          Krpc.Received m = Krpc.parse(Arrays.copyOf(p.getData(), p.getLength()));
          if (!(m instanceof Krpc.Received.Query q)) {
            continue;
          }
          queriesByMethod.computeIfAbsent(q.method(), k -> new AtomicLong()).incrementAndGet();
          byte[] reply;
          if (q.method().equals("get_peers")) {
            byte[] ih = q.arguments().bytes("info_hash").map(BBytes::value).orElseThrow();
            List<InetSocketAddress> values = stored.getOrDefault(HexFormat.of().formatHex(ih), List.of());
            NodeId target = new NodeId(ih);
            List<DhtNode> closest = known.stream().sorted((a, b) -> target.compareDistance(a.id(), b.id())).limit(8).toList();
            reply = Krpc.getPeersResponse(q.transaction(), id, "tok".getBytes(), values, values.isEmpty() ? closest : List.of());
          } else {
            reply = Krpc.error(q.transaction(), 204, "method unknown");
          }
          socket.send(new DatagramPacket(reply, reply.length, p.getSocketAddress()));
          packets.incrementAndGet();
        } catch (IOException | RuntimeException e) {
          // junk: no answer
        }
      }
    }
  }

  private FakeDht() {}

  /** Starts {@code n} nodes on {@code address} with ids from {@code seed}. */
  public static FakeDht start(int n, long seed, InetAddress address) throws IOException {
    FakeDht dht = new FakeDht();
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < n; i++) {
      byte[] id = new byte[20];
      for (int j = 0; j < 20; j++) {
        id[j] = (byte) random.nextInt(256);
      }
      dht.nodes.add(dht.new Node(new NodeId(id), new DatagramSocket(new InetSocketAddress(address, 0))));
    }
    for (Node a : dht.nodes) {
      int[] perBucket = new int[161];
      for (Node b : dht.nodes) {
        if (a != b && perBucket[a.id.commonPrefix(b.id)]++ < 8) {
          a.known.add(b.self());
        }
      }
    }
    for (Node node : dht.nodes) {
      node.thread = Thread.ofVirtual().start(node::run);
    }
    return dht;
  }

  /** Stores peers for an infohash on the 8 nodes closest to it. */
  public void store(byte[] infoHash, List<InetSocketAddress> peers) {
    NodeId target = new NodeId(infoHash);
    nodes.stream().sorted(Comparator.comparing(n -> n.id, target::compareDistance)).limit(8)
        .forEach(n -> n.stored.put(HexFormat.of().formatHex(infoHash), List.copyOf(peers)));
  }

  /** Addresses of a few nodes, to bootstrap from. */
  public List<InetSocketAddress> bootstrap(int count) {
    return nodes.stream().limit(count).map(n -> (InetSocketAddress) n.socket.getLocalSocketAddress()).toList();
  }

  /** Makes the first {@code count} nodes drop every query (to test timeouts). */
  public void silence(int count) {
    nodes.stream().limit(count).forEach(n -> n.silent = true);
  }

  public long queries(String method) {
    AtomicLong n = queriesByMethod.get(method);
    return n == null ? 0 : n.get();
  }

  @Override
  public void close() {
    nodes.forEach(n -> n.socket.close());
    for (Node n : nodes) {
      try {
        n.thread.join(1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
