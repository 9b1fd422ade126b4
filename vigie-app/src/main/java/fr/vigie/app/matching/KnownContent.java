package fr.vigie.app.matching;

import fr.vigie.app.matching.internal.JdbcHashSets;
import fr.vigie.app.matching.internal.KnownContentIndex;
import fr.vigie.hashing.PdqHash;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.web.context.WebApplicationContext;

/**
 * Recognises media by the hashes of the active sets, from memory: exact MD5/SHA-1/SHA-256 in O(1)
 * and PDQ within {@code vigie.matching.pdq-max-distance} bits through a multi-index search.
 *
 * <p>The server loads the index at start; a command-line process loads it at its first lookup.
 * It is rebuilt after each import or retirement in this process (after commit), and a lookup
 * reloads it when another process changed the sets (checked at most every {@code
 * vigie.matching.refresh-interval}). Lookups are thread-safe and never wait for a rebuild: they
 * use the last complete index.
 */
@Service
public class KnownContent {

  private static final Logger log = LoggerFactory.getLogger(KnownContent.class);

  private static final String[] DIHEDRAL = {null, "ROT90", "ROT180", "ROT270", "FLIPX", "FLIPY",
      "FLIPP1", "FLIPM1"};

  private record SetInfo(String name, String version, boolean knownGood) {}

  private record Snapshot(KnownContentIndex index, Map<Long, SetInfo> sets) {}

  private final JdbcHashSets store;
  private final MatchingSettings settings;
  private final Clock clock;
  private volatile Snapshot snapshot;
  private volatile Instant checkedAt = Instant.MIN;

  KnownContent(JdbcHashSets store, MatchingSettings settings, Clock clock) {
    this.store = store;
    this.settings = settings;
    this.clock = clock;
  }

  @EventListener
  void loadAtStart(ApplicationReadyEvent ready) {
    if (ready.getApplicationContext() instanceof WebApplicationContext) {
      reload();
    }
  }

  @TransactionalEventListener(fallbackExecution = true)
  void setsChanged(HashSetsChanged changed) {
    if (snapshot != null) {
      reload();
    }
  }

  /** Reads every active entry from the database and swaps the new index in. */
  public synchronized void reload() {
    long started = System.nanoTime();
    String fingerprint = store.fingerprint();
    Map<Long, SetInfo> sets = new HashMap<>();
    for (JdbcHashSets.ActiveSet s : store.activeSets()) {
      sets.put(s.id(), new SetInfo(s.name(), s.version(), "KNOWN_GOOD".equals(s.kind())));
    }
    KnownContentIndex.Builder builder = KnownContentIndex.builder(1024,
        settings.pdqMaxDistance());
    long[] bad = new long[1];
    store.forEachActiveEntry((entryId, setId, algorithm, hex, category) -> {
      try {
        builder.add(entryId, setId, algorithm, hex, category);
      } catch (IllegalArgumentException e) {
        bad[0]++;
      }
    });
    KnownContentIndex index = builder.build(fingerprint);
    snapshot = new Snapshot(index, Map.copyOf(sets));
    checkedAt = Instant.now(clock);
    log.info("Known-content index: {} entries of {} active sets {} in {} ms{}", index.size(),
        sets.size(), index.sizes(), (System.nanoTime() - started) / 1_000_000,
        bad[0] == 0 ? "" : "; " + bad[0] + " malformed entries left out");
  }

  /**
   * Makes sure the index reflects the sets now in the database: reloads it only when they changed
   * since it was built (or it was never built), whatever the refresh interval.
   */
  public synchronized void refreshIfChanged() {
    Snapshot s = snapshot;
    if (s == null || !store.fingerprint().equals(s.index().fingerprint())) {
      reload();
    }
    checkedAt = Instant.now(clock);
  }

  /** Returns how many entries the index holds, loading it if needed. */
  public int indexedEntries() {
    return current().index().size();
  }

  /**
   * Returns what the active sets say about one media item: exact hits on each of its hashes, and
   * PDQ hits within the threshold (of each rotation and mirror image when given) when its quality
   * is trusted. An entry found several ways is reported once, at its smallest distance.
   */
  public MatchResult match(MediaHashes media) {
    Snapshot s = current();
    Map<Long, KnownMatch> found = new LinkedHashMap<>();
    exact(s, "MD5", media.md5(), found);
    exact(s, "SHA1", media.sha1(), found);
    exact(s, "SHA256", media.sha256(), found);
    if (media.pdqQuality() >= settings.pdqMinQuality()) {
      List<PdqHash> queries = new ArrayList<>();
      if (media.dihedral() != null) {
        queries.addAll(media.dihedral().all());
      } else if (media.pdq() != null) {
        queries.add(media.pdq());
      }
      for (int d = 0; d < queries.size(); d++) {
        for (KnownContentIndex.Hit hit : s.index().near(queries.get(d),
            settings.pdqMaxDistance())) {
          KnownMatch candidate = toMatch(s, hit, DIHEDRAL[d]);
          found.merge(hit.entryId(), candidate,
              (a, b) -> a.distance() <= b.distance() ? a : b);
        }
      }
    }
    List<KnownMatch> notable = new ArrayList<>();
    List<KnownMatch> knownGood = new ArrayList<>();
    for (KnownMatch m : found.values()) {
      SetInfo set = s.sets().get(m.setId());
      (set != null && set.knownGood() ? knownGood : notable).add(m);
    }
    Comparator<KnownMatch> order = Comparator.comparingInt(KnownMatch::category).reversed()
        .thenComparingInt(KnownMatch::distance).thenComparingLong(KnownMatch::entryId);
    notable.sort(order);
    knownGood.sort(order);
    return new MatchResult(notable, knownGood);
  }

  private static void exact(Snapshot s, String algorithm, String hex, Map<Long, KnownMatch> found) {
    if (hex == null || hex.isBlank()) {
      return;
    }
    for (KnownContentIndex.Hit hit : s.index().exact(algorithm,
        hex.strip().toLowerCase(Locale.ROOT))) {
      found.putIfAbsent(hit.entryId(), toMatch(s, hit, null));
    }
  }

  private static KnownMatch toMatch(Snapshot s, KnownContentIndex.Hit hit, String dihedral) {
    SetInfo set = s.sets().get(hit.setId());
    return new KnownMatch(hit.entryId(), hit.setId(), set == null ? "?" : set.name(),
        set == null ? "?" : set.version(), hit.category(), hit.algorithm(), hit.distance(),
        dihedral);
  }

  private Snapshot current() {
    Snapshot s = snapshot;
    if (s == null) {
      reload();
      return snapshot;
    }
    Instant now = Instant.now(clock);
    if (now.isAfter(checkedAt.plus(settings.refreshInterval()))) {
      checkedAt = now;
      if (!store.fingerprint().equals(s.index().fingerprint())) {
        reload();
        return snapshot;
      }
    }
    return s;
  }
}
