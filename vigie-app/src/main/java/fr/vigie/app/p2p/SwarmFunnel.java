package fr.vigie.app.p2p;

import fr.vigie.app.attribution.Attribution;
import fr.vigie.app.attribution.AttributedEvent;
import fr.vigie.app.attribution.Requisitions;
import fr.vigie.app.p2p.internal.JdbcP2p;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.stereotype.Service;

/**
 * The funnel the office lives by, per entry and nationally: peers (distinct IP and port)
 * contacted → connected → verified (from the sensor's own records) → attributed (their IP event
 * attributed to a French operator) → identified (an operator's answer named a subscriber), and
 * the identified peers by the subscriber's département. Attribution and requisitions are asked
 * through their public services.
 */
@Service
public class SwarmFunnel {

  /** One entry's funnel ({@code entry} null: national). */
  public record Funnel(WatchEntry entry, long leads, long connected, long verified,
      long attributed, long identified) {}

  /** The funnels: each entry's, the national one, and identified peers by département. */
  public record Overview(List<Funnel> entries, Funnel national,
      Map<String, Long> identifiedByDepartement) {}

  private final JdbcP2p store;
  private final Watchlist watchlist;
  private final Attribution attribution;
  private final Requisitions requisitions;

  SwarmFunnel(JdbcP2p store, Watchlist watchlist, Attribution attribution,
      Requisitions requisitions) {
    this.store = store;
    this.watchlist = watchlist;
    this.attribution = attribution;
    this.requisitions = requisitions;
  }

  /** Every entry's funnel and the national one. */
  public Overview overview() {
    return overview(null);
  }

  /** One entry's funnel (its list holds that entry only). */
  public Overview ofEntry(long entryId) {
    return overview(entryId);
  }

  private Overview overview(Long only) {
    List<JdbcP2p.PeerEvent> events = store.peerEvents(only);
    List<Long> ids = events.stream().map(JdbcP2p.PeerEvent::ipEventId).toList();
    Set<Long> france = new HashSet<>();
    for (AttributedEvent a : attribution.ofEvents(ids)) {
      if ("FRANCE".equals(a.outcome())) {
        france.add(a.ipEventId());
      }
    }
    Map<Long, String> identified = requisitions.identified(ids);
    Map<Long, Set<String>> attributedPeers = new HashMap<>();
    Map<Long, Set<String>> identifiedPeers = new HashMap<>();
    Map<String, Set<String>> byDepartement = new TreeMap<>();
    Set<String> allAttributed = new HashSet<>();
    Set<String> allIdentified = new HashSet<>();
    for (JdbcP2p.PeerEvent e : events) {
      String peer = e.entryId() + " " + e.ip() + " " + e.port();
      if (france.contains(e.ipEventId())) {
        attributedPeers.computeIfAbsent(e.entryId(), k -> new HashSet<>()).add(peer);
        allAttributed.add(peer);
      }
      String departement = identified.get(e.ipEventId());
      if (departement != null) {
        identifiedPeers.computeIfAbsent(e.entryId(), k -> new HashSet<>()).add(peer);
        allIdentified.add(peer);
        byDepartement.computeIfAbsent(departement, k -> new HashSet<>()).add(peer);
      }
    }
    List<Funnel> entries = watchlist.withCounts().stream()
        .filter(c -> only == null || c.entry().id() == only)
        .map(c -> new Funnel(c.entry(), c.leads(), c.connected(), c.verified(),
            attributedPeers.getOrDefault(c.entry().id(), Set.of()).size(),
            identifiedPeers.getOrDefault(c.entry().id(), Set.of()).size()))
        .toList();
    Funnel national = new Funnel(null, entries.stream().mapToLong(Funnel::leads).sum(),
        entries.stream().mapToLong(Funnel::connected).sum(),
        entries.stream().mapToLong(Funnel::verified).sum(), allAttributed.size(),
        allIdentified.size());
    Map<String, Long> counts = new TreeMap<>();
    byDepartement.forEach((d, peers) -> counts.put(d, (long) peers.size()));
    return new Overview(entries, national, counts);
  }
}
