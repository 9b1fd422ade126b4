package fr.vigie.bittorrent;

import fr.vigie.bittorrent.dht.DhtClient;
import fr.vigie.bittorrent.dht.DhtLookup;
import fr.vigie.bittorrent.metainfo.MagnetLink;
import fr.vigie.bittorrent.metainfo.Metainfo;
import fr.vigie.bittorrent.tracker.AnnounceRequest;
import fr.vigie.bittorrent.tracker.AnnounceResult;
import fr.vigie.bittorrent.tracker.Trackers;
import fr.vigie.bittorrent.wire.PeerIds;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;

/**
 * One round of watching one torrent: gather leads (trackers of every tier, DHT, explicit and
 * magnet peers), contact each peer on its own virtual thread within the concurrency bounds, and
 * return one {@link Observation} per peer contacted. Announces say {@code started} then {@code
 * stopped}, as a leecher holding nothing. Thread-safe: probes may run concurrently and share the
 * options' global semaphore.
 */
public final class SwarmProbe {

  private final ProbeOptions options;
  private final Trackers trackers;

  public SwarmProbe(ProbeOptions options) {
    this.options = options;
    this.trackers = new Trackers(options.trackers());
  }

  public ProbeResult probe(Target target, Leads sources) {
    Instant started = options.clock().instant();
    byte[] peerId = PeerIds.generate();
    Map<InetSocketAddress, Lead> leads = new LinkedHashMap<>();
    for (InetSocketAddress p : sources.peers()) {
      addLead(leads, new Lead(p, new LeadSource.Explicit(), started));
    }
    if (target instanceof Target.Magnet m) {
      for (MagnetLink.HostPort hp : m.link().peers()) {
        resolve(hp).ifPresent(a -> addLead(leads, new Lead(a, new LeadSource.Magnet(), started)));
      }
    }

    List<List<String>> tiers = new ArrayList<>();
    if (sources.targetTrackers()) {
      tiers.addAll(target.trackerTiers());
    }
    sources.trackers().forEach(t -> tiers.add(List.of(t)));
    long left = target instanceof Target.Torrent t ? Math.max(1, t.metainfo().totalSize()) : AnnounceRequest.UNKNOWN_LEFT;
    AnnounceRequest announce = new AnnounceRequest(target.wireHash(), peerId, options.announcePort(), left,
        AnnounceRequest.Event.STARTED, options.numWant(), new SecureRandom().nextInt());
    List<AnnounceResult> announces = tiers.isEmpty() ? List.of() : trackers.announceAll(tiers, announce);
    for (AnnounceResult r : announces) {
      if (r instanceof AnnounceResult.Peers p) {
        p.peers().forEach(a -> addLead(leads, new Lead(a, new LeadSource.Tracker(p.url()), p.at())));
      }
    }

    Optional<DhtLookup> dht = Optional.empty();
    if (sources.dht() && !options.dht().bootstrap().isEmpty()) {
      try (DhtClient client = new DhtClient(options.dht())) {
        DhtLookup lookup = client.getPeers(target.wireHash());
        Instant at = options.clock().instant();
        lookup.peers().forEach((peer, node) -> addLead(leads, new Lead(peer, new LeadSource.Dht(node.address()), at)));
        dht = Optional.of(lookup);
      } catch (IOException e) {
        dht = Optional.empty();
      }
    }

    Contacted contacted = contact(target, peerId, leads);
    List<Observation> observations = contacted.observations();

    List<String> answered = announces.stream().filter(r -> r instanceof AnnounceResult.Peers).map(AnnounceResult::url).toList();
    if (!answered.isEmpty()) {
      trackers.announceAll(answered.stream().map(List::of).toList(), announce.withEvent(AnnounceRequest.Event.STOPPED));
    }
    Optional<Metainfo> metainfo = contacted.swarm().metainfo();
    return new ProbeResult(target.infoHash(), metainfo, started, options.clock().instant(), announces, dht,
        List.copyOf(leads.values()), observations);
  }

  /** The observations of one round, and the swarm state they left (the info dictionary, if fetched). */
  private record Contacted(List<Observation> observations, Swarm swarm) {}

  private Contacted contact(Target target, byte[] peerId, Map<InetSocketAddress, Lead> leads) {
    LinkedBlockingQueue<Lead> pexLeads = new LinkedBlockingQueue<>();
    Swarm swarm = new Swarm(target, options, peerId, (from, added) -> {
      Instant at = options.clock().instant();
      added.forEach(a -> pexLeads.add(new Lead(a, new LeadSource.Pex(from), at)));
    });
    Semaphore perSwarm = new Semaphore(options.swarmConcurrency());
    List<Observation> out = new ArrayList<>();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      ExecutorCompletionService<Observation> done = new ExecutorCompletionService<>(pool);
      int submitted = 0;
      int pending = 0;
      List<Lead> queue;
      synchronized (leads) {
        queue = new ArrayList<>(leads.values());
      }
      while (true) {
        for (Lead lead : queue) {
          if (submitted < options.maxPeers() && options.mayContact().test(lead.address().getAddress())) {
            submitted++;
            pending++;
            done.submit(() -> contactOne(swarm, lead, perSwarm));
          }
        }
        if (pending == 0) {
          break;
        }
        Observation o = get(take(done));
        pending--;
        if (o != null) {
          out.add(o);
        }
        // PEX leads arrive while sessions run: each is recorded; contacted only if asked
        queue = new ArrayList<>();
        drainPex(pexLeads, leads, queue);
        if (!options.followPex()) {
          queue.clear();
        }
      }
      drainPex(pexLeads, leads, new ArrayList<>());
    }
    return new Contacted(out, swarm);
  }

  private static Future<Observation> take(ExecutorCompletionService<Observation> done) {
    try {
      return done.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while probing", e);
    }
  }

  private void drainPex(LinkedBlockingQueue<Lead> pexLeads, Map<InetSocketAddress, Lead> leads, List<Lead> queue) {
    Lead l;
    while ((l = pexLeads.poll()) != null) {
      if (addLead(leads, l)) {
        queue.add(l);
      }
    }
  }

  private Observation contactOne(Swarm swarm, Lead lead, Semaphore perSwarm) throws InterruptedException {
    perSwarm.acquire();
    try {
      options.globalConcurrency().acquire();
      try {
        return PeerSession.observe(swarm, lead);
      } finally {
        options.globalConcurrency().release();
      }
    } finally {
      perSwarm.release();
    }
  }

  private static Observation get(Future<Observation> f) {
    try {
      return f.get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("a peer session failed: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  private static boolean addLead(Map<InetSocketAddress, Lead> leads, Lead lead) {
    synchronized (leads) {
      return leads.putIfAbsent(lead.address(), lead) == null;
    }
  }

  private static Optional<InetSocketAddress> resolve(MagnetLink.HostPort hp) {
    try {
      return Optional.of(new InetSocketAddress(InetAddress.getByName(hp.host()), hp.port()));
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
