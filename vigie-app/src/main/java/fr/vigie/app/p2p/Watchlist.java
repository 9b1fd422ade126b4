package fr.vigie.app.p2p;

import fr.vigie.app.audit.AuditAction;
import fr.vigie.app.audit.AuditActor;
import fr.vigie.app.audit.AuditLog;
import fr.vigie.app.p2p.internal.JdbcP2p;
import fr.vigie.bittorrent.metainfo.MagnetLink;
import fr.vigie.bittorrent.metainfo.Metainfo;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * The torrents the sensors watch, each tied to its provenance. Nothing is watched that is not
 * here: a line about another infohash is refused ({@link ObservationIntake}).
 */
@Service
public class Watchlist {

  /** What to watch: exactly one of an infohash, a .torrent's bytes or a magnet link. */
  public sealed interface What {
    record Infohash(String hex) implements What {}

    record Torrent(byte[] bytes) implements What {}

    record Magnet(String uri) implements What {}
  }

  /** What became of an addition. */
  public sealed interface Addition {
    record Added(WatchEntry entry) implements Addition {}

    record Invalid(String reason) implements Addition {}
  }

  /** An entry with its figures: distinct peers contacted, connected, verified. */
  public record EntryCounts(WatchEntry entry, long leads, long connected, long verified) {}

  /** One day of an entry's swarm (UTC). */
  public record Day(java.time.LocalDate day, long leads, long connected, long verified) {}

  private final JdbcP2p store;
  private final AuditLog audit;
  private final Clock clock;

  Watchlist(JdbcP2p store, AuditLog audit, Clock clock) {
    this.store = store;
    this.audit = audit;
    this.clock = clock;
  }

  /** Adds a torrent with its provenance, audited; refused if already watched or unreadable. */
  public Addition add(What what, Provenance provenance, AuditActor actor) {
    String infohash;
    byte[] torrent = null;
    String magnet = null;
    String name = null;
    try {
      switch (what) {
        case What.Infohash h -> {
          String hex = h.hex() == null ? "" : h.hex().strip().toLowerCase(Locale.ROOT);
          if (!hex.matches("[0-9a-f]{40}|[0-9a-f]{64}")) {
            return new Addition.Invalid("an infohash is 40 (v1) or 64 (v2) hex digits: \"" + hex
                + "\"");
          }
          infohash = hex;
        }
        case What.Torrent t -> {
          Metainfo m = Metainfo.parse(t.bytes());
          infohash = m.primaryHash().hex();
          torrent = t.bytes().clone();
          name = m.name();
        }
        case What.Magnet mg -> {
          MagnetLink link = MagnetLink.parse(mg.uri().strip());
          infohash = link.primaryHash().hex();
          magnet = mg.uri().strip();
          name = link.displayName().orElse(null);
        }
      }
    } catch (RuntimeException e) {
      return new Addition.Invalid((what instanceof What.Torrent ? "not a readable .torrent: "
          : "not a readable magnet link: ") + e.getMessage());
    }
    Optional<WatchEntry> already = store.entryByInfohash(infohash);
    if (already.isPresent()) {
      return new Addition.Invalid("infohash " + infohash + " is already watched (entry "
          + already.get().id() + ", " + already.get().provenance() + ")");
    }
    long id = store.insertEntry(infohash, torrent, magnet,
        name == null ? null : name.length() > 500 ? name.substring(0, 500) : name, provenance,
        actor.name(), clock.instant());
    audit.record(actor.event(AuditAction.CREATE, "p2p_watch_entry", id, null)
        .withDetail("watching " + infohash + (name == null ? "" : " (" + name + ")")
            + ", provenance " + provenance));
    return new Addition.Added(store.entry(id).orElseThrow());
  }

  /**
   * Stops or resumes watching an entry (its observations stay), audited; false when there is no
   * such entry or it already was in that state.
   */
  public boolean setActive(long id, boolean active, AuditActor actor) {
    if (!store.setActive(id, active)) {
      return false;
    }
    audit.record(actor.event(AuditAction.UPDATE, "p2p_watch_entry", id, null)
        .withDetail(active ? "watching again" : "no longer watched"));
    return true;
  }

  public List<WatchEntry> all() {
    return store.entries(false);
  }

  public List<WatchEntry> active() {
    return store.entries(true);
  }

  public Optional<WatchEntry> entry(long id) {
    return store.entry(id);
  }

  /** The .torrent held for an entry, if any. */
  public Optional<byte[]> torrent(long id) {
    return store.torrent(id);
  }

  /** Every entry with its figures, in id order. */
  public List<EntryCounts> withCounts() {
    Map<Long, JdbcP2p.Counts> counts = store.countsByEntry();
    return store.entries(false).stream().map(e -> {
      JdbcP2p.Counts c = counts.getOrDefault(e.id(), new JdbcP2p.Counts(0, 0, 0));
      return new EntryCounts(e, c.leads(), c.connected(), c.verified());
    }).toList();
  }

  /** One entry's swarm by day, latest first. */
  public List<Day> byDay(long entryId) {
    return store.countsByDay(entryId).entrySet().stream().map(d -> new Day(d.getKey(),
        d.getValue().leads(), d.getValue().connected(), d.getValue().verified())).toList();
  }
}
