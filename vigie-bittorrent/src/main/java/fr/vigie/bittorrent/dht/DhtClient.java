package fr.vigie.bittorrent.dht;

import java.io.Closeable;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A read-only DHT client: one UDP socket, one receiving virtual thread, answers matched to queries
 * by transaction id and sender address. It answers no query (BEP 43: {@code ro=1} asks nodes not
 * to add us) and never announces. Thread-safe: lookups may run concurrently.
 */
public final class DhtClient implements Closeable {

  private final DhtOptions options;
  private final DatagramSocket socket;
  private final NodeId self = NodeId.random();
  private final RateLimiter limiter;
  private final Map<Integer, Pending> pending = new ConcurrentHashMap<>();
  private final AtomicInteger transactions = new AtomicInteger(new java.security.SecureRandom().nextInt());
  private final AtomicLong packetsSent = new AtomicLong();
  private final AtomicLong packetsReceived = new AtomicLong();
  private final Thread receiver;

  private record Pending(InetSocketAddress to, CompletableFuture<Krpc.Received> answer) {}

  public DhtClient(DhtOptions options) throws SocketException {
    this.options = options;
    InetAddress bind = options.bind().orElse(null);
    this.socket = new DatagramSocket(new InetSocketAddress(bind, 0));
    this.limiter = new RateLimiter(options.maxQueriesPerSecond());
    this.receiver = Thread.ofVirtual().name("dht-receiver").start(this::receive);
  }

  public NodeId self() {
    return self;
  }

  public InetSocketAddress localAddress() {
    return (InetSocketAddress) socket.getLocalSocketAddress();
  }

  public long packetsSent() {
    return packetsSent.get();
  }

  public long packetsReceived() {
    return packetsReceived.get();
  }

  /** Iterative get_peers for a 20-byte infohash from the configured bootstrap nodes. */
  public DhtLookup getPeers(byte[] infoHash) {
    return getPeers(infoHash, options.bootstrap());
  }

  /**
   * Iterative get_peers (BEP 5): ask the closest nodes known, {@code alpha} at a time, until the
   * {@code k} closest that answered have all been asked, or the query budget or time runs out.
   */
  public DhtLookup getPeers(byte[] infoHash, List<InetSocketAddress> bootstrap) {
    NodeId target = new NodeId(infoHash);
    long deadline = System.nanoTime() + options.lookupTimeout().toNanos();
    Map<InetSocketAddress, Candidate> candidates = new LinkedHashMap<>();
    for (InetSocketAddress b : bootstrap) {
      candidates.putIfAbsent(b, new Candidate(null, b));
    }
    Comparator<Candidate> byDistance = (a, b) -> {
      if (a.id == null || b.id == null) {
        return a.id == null ? (b.id == null ? 0 : 1) : -1;
      }
      return target.compareDistance(a.id, b.id);
    };
    BlockingQueue<Reply> replies = new LinkedBlockingQueue<>();
    Map<InetSocketAddress, DhtNode> peers = new LinkedHashMap<>();
    Map<InetSocketAddress, byte[]> tokens = new LinkedHashMap<>();
    int queries = 0, answers = 0, errors = 0, timeouts = 0, inFlight = 0;
    while (true) {
      while (inFlight < options.alpha() && queries < options.maxQueriesPerLookup()) {
        Optional<Candidate> next = candidates.values().stream().filter(c -> !c.failed).sorted(byDistance)
            .limit(options.k()).filter(c -> !c.queried).findFirst();
        if (next.isEmpty()) {
          break;
        }
        Candidate c = next.get();
        c.queried = true;
        queries++;
        inFlight++;
        send(c, infoHash, replies);
      }
      if (inFlight == 0) {
        break;
      }
      Reply reply;
      try {
        long left = deadline - System.nanoTime();
        reply = left > 0 ? replies.poll(left, TimeUnit.NANOSECONDS) : null;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      if (reply == null) {
        break; // the lookup's time is up
      }
      inFlight--;
      Candidate c = reply.candidate;
      switch (reply.outcome) {
        case Krpc.Received.Response r -> {
          answers++;
          if (c.id != null && !c.id.equals(r.id())) {
            // a node that answers with another id than it was listed under is not trusted further
            c.failed = true;
            continue;
          }
          c.id = r.id();
          c.responded = true;
          DhtNode node = new DhtNode(r.id(), c.address);
          r.token().ifPresent(t -> tokens.put(c.address, t));
          for (InetSocketAddress v : r.values()) {
            peers.putIfAbsent(v, node);
          }
          for (DhtNode n : r.nodes()) {
            if (!n.id().equals(self) && n.address().getPort() > 0) {
              candidates.putIfAbsent(n.address(), new Candidate(n.id(), n.address()));
            }
          }
        }
        case Krpc.Received.Error e -> {
          errors++;
          c.failed = true;
        }
        case null -> {
          timeouts++;
          c.failed = true;
        }
        default -> {
          errors++;
          c.failed = true;
        }
      }
    }
    List<DhtNode> closest = candidates.values().stream().filter(c -> c.responded).sorted(byDistance).limit(options.k())
        .map(c -> new DhtNode(c.id, c.address)).toList();
    return new DhtLookup(peers, closest, tokens, queries, answers, errors, timeouts);
  }

  private static final class Candidate {
    NodeId id;
    final InetSocketAddress address;
    boolean queried;
    boolean responded;
    boolean failed;

    Candidate(NodeId id, InetSocketAddress address) {
      this.id = id;
      this.address = address;
    }
  }

  /** An answer, or {@code outcome == null} for a timeout or a send failure. */
  private record Reply(Candidate candidate, Krpc.Received outcome) {}

  private void send(Candidate c, byte[] infoHash, BlockingQueue<Reply> replies) {
    limiter.acquire();
    int tid = transactions.incrementAndGet() & 0xffff;
    byte[] t = {(byte) (tid >> 8), (byte) tid};
    CompletableFuture<Krpc.Received> answer = new CompletableFuture<>();
    // a transaction id still in use (65,536 in flight) would be a bug of ours: fail that query
    if (pending.putIfAbsent(tid, new Pending(c.address, answer)) != null) {
      replies.add(new Reply(c, null));
      return;
    }
    answer.orTimeout(options.queryTimeout().toMillis(), TimeUnit.MILLISECONDS).whenComplete((r, err) -> {
      pending.remove(tid);
      replies.add(new Reply(c, err instanceof TimeoutException || r == null ? null : r));
    });
    byte[] q = Krpc.getPeers(t, self, infoHash);
    try {
      socket.send(new DatagramPacket(q, q.length, c.address));
      packetsSent.incrementAndGet();
    } catch (IOException e) {
      answer.completeExceptionally(e);
    }
  }

  private void receive() {
    byte[] buffer = new byte[2048];
    while (!socket.isClosed()) {
      DatagramPacket p = new DatagramPacket(buffer, buffer.length);
      try {
        socket.receive(p);
      } catch (IOException e) {
        if (socket.isClosed()) {
          return;
        }
        continue;
      }
      packetsReceived.incrementAndGet();
      Krpc.Received m;
      try {
        m = Krpc.parse(Arrays.copyOf(p.getData(), p.getLength()));
      } catch (IllegalArgumentException e) {
        continue; // junk is dropped
      }
      if (m instanceof Krpc.Received.Query || m.transaction().length != 2) {
        continue; // read-only: we answer no query
      }
      int tid = ((m.transaction()[0] & 0xff) << 8) | (m.transaction()[1] & 0xff);
      Pending w = pending.get(tid);
      // an answer must come from the address asked: others could inject nodes into our lookup
      if (w != null && w.to.equals(p.getSocketAddress())) {
        w.answer.complete(m);
      }
    }
  }

  @Override
  public void close() {
    socket.close();
    try {
      receiver.join(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
