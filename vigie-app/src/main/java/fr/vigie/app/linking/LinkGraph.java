package fr.vigie.app.linking;

import fr.vigie.app.linking.FellegiSunter.Traits;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The linking itself, in memory and without a database: person records and subscribers in,
 * clusters of identifiers and the links that explain them out. A full rebuild feeds it every
 * record; an incremental run feeds it the records of the clusters it touches (their whole
 * connected component) and gets, for them, exactly what a rebuild would give, because every
 * choice below depends only on the records of one component and on a fixed order.
 *
 * <p>Steps: (1) every identifier is a node; the identifiers one report gives for one reported
 * person are joined to that record's hub (its identifier seen in the most records), the rule
 * naming the hub's kind (SAME_EMAIL...) when the hub is shared with other records; a subscriber
 * identity (operator's answer) is joined to the hub of the report its IP event came from.
 * (2) Analysts' merges and confirmed probabilistic links are edges too; analysts' splits are
 * cannot-link constraints: an edge that would put a split-out identifier back with the rest is
 * not applied (kept as a REJECTED link naming the split), unless a later analyst decision says
 * otherwise. (3) Person records are compared within blocks (same postal code; same year of birth
 * and Soundex of the last name) with {@link FellegiSunter}, and pairs in different clusters
 * scoring at least {@link FellegiSunter#PROPOSE_AT} are proposed, never applied.
 */
public final class LinkGraph {

  /** Nominal weights of the deterministic rules (log2 scale, above any proposed score). */
  public static final Map<String, Double> RULE_WEIGHTS = Map.of(
      "REPORTED_TOGETHER", 40.0, "SAME_ACCOUNT", 40.0, "SAME_EMAIL", 40.0,
      "SAME_PAYMENT", 40.0, "SAME_PHONE", 36.0, "SAME_DEVICE", 34.0, "SAME_SUBSCRIBER", 32.0,
      "ANALYST_MERGE", 100.0);

  /** Blocks larger than this are not compared (a shared postal code of a whole city). */
  public static final int MAX_BLOCK = 300;

  /** Kinds in the order a record's anchor is chosen (the most specific first). */
  static final List<String> KIND_ORDER = List.of("ACCOUNT_ID", "EMAIL", "PHONE", "PAYMENT_ID",
      "DEVICE_ID", "SCREEN_NAME", "URL", LinkKeys.SUBSCRIBER);

  /**
   * A reported person (role REPORTED) of a current report version.
   *
   * @param keys node keys ({@link LinkKeys#reported})
   * @param external only compared with the others (an incremental run's block mates), not linked
   */
  public record PersonRecord(long personId, long reportId, Instant seenAt, List<String> keys,
      Traits traits, boolean external) {}

  /** A subscriber an operator identified for one IP event of a report. */
  public record SubscriberRecord(long subscriberId, long reportId, Instant seenAt, String key,
      Traits traits, String departementCode, boolean external) {}

  /** An analyst's merge: one identifier of each side is joined. */
  public record Merge(long decisionId, Instant at, List<String> sideA, List<String> sideB,
      String decidedBy) {}

  /** An analyst's split: {@code out} may never be re-joined with {@code rest}. */
  public record Split(long decisionId, Instant at, Set<String> out, Set<String> rest) {}

  /** An analyst's confirmation or rejection of a proposed link. */
  public record Verdict(long decisionId, Instant at, String from, String to, boolean confirmed,
      double weight, String evidenceType, long evidenceId, String decidedBy) {}

  /** One link, as stored in {@code links} (keys instead of row ids). */
  public record Link(String from, String to, String rule, String kind, double weight,
      String status, String evidenceType, long evidenceId, String decidedBy, Instant decidedAt) {}

  /** One cluster: its identifiers (sorted) and what names and places it. */
  public record Cluster(List<String> keys, String displayName, String subscriberDepartement,
      String reportedDepartement) {}

  /** What a run gives. */
  public record Result(List<Cluster> clusters, List<Link> links, Map<String, Instant> firstSeen) {}

  private final List<PersonRecord> persons = new ArrayList<>();
  private final List<SubscriberRecord> subscribers = new ArrayList<>();
  private final List<Merge> merges = new ArrayList<>();
  private final List<Split> splits = new ArrayList<>();
  private final List<Verdict> verdicts = new ArrayList<>();

  public LinkGraph add(PersonRecord r) {
    persons.add(r);
    return this;
  }

  public LinkGraph add(SubscriberRecord r) {
    subscribers.add(r);
    return this;
  }

  public LinkGraph decisions(List<Merge> m, List<Split> s, List<Verdict> v) {
    merges.addAll(m);
    splits.addAll(s);
    verdicts.addAll(v);
    return this;
  }

  // ------------------------------------------------------------------ nodes and union-find

  private final Map<String, Integer> ids = new HashMap<>();
  private final List<String> names = new ArrayList<>();
  private int[] parent = new int[0];
  private int[] occurrences = new int[0];
  private final Map<Integer, Map<Integer, Integer>> tags = new HashMap<>();
  private boolean[] splitActive;

  private int node(String key) {
    Integer id = ids.get(key);
    if (id != null) {
      return id;
    }
    int n = names.size();
    ids.put(key, n);
    names.add(key);
    if (n == parent.length) {
      parent = Arrays.copyOf(parent, Math.max(16, n * 2));
      occurrences = Arrays.copyOf(occurrences, parent.length);
    }
    parent[n] = n;
    return n;
  }

  private int find(int x) {
    while (parent[x] != x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  }

  /**
   * Joins the components of a and b unless an active split forbids it; an analyst's edge made
   * after a split lifts that split instead. Returns the id of the split that blocked, or -1.
   */
  private long union(int a, int b, Instant analystAt) {
    int ra = find(a);
    int rb = find(b);
    if (ra == rb) {
      return -1;
    }
    Map<Integer, Integer> ta = tags.get(ra);
    Map<Integer, Integer> tb = tags.get(rb);
    if (ta != null && tb != null) {
      for (Map.Entry<Integer, Integer> e : ta.entrySet()) {
        Integer other = tb.get(e.getKey());
        int s = e.getKey();
        if (other != null && splitActive[s] && (other | e.getValue()) == 3) {
          Split split = splits.get(s);
          if (analystAt != null && split.at().isBefore(analystAt)) {
            splitActive[s] = false;
          } else {
            return split.decisionId();
          }
        }
      }
    }
    // Smaller tag map into the larger root.
    int root = ra;
    int child = rb;
    if (tb != null && (ta == null || tb.size() > ta.size())) {
      root = rb;
      child = ra;
    }
    parent[child] = root;
    Map<Integer, Integer> childTags = tags.remove(child);
    if (childTags != null) {
      Map<Integer, Integer> rootTags = tags.computeIfAbsent(root, k -> new HashMap<>());
      childTags.forEach((s, bits) -> rootTags.merge(s, bits, (x, y) -> x | y));
    }
    return -1;
  }

  // ------------------------------------------------------------------ the run

  /** Links everything added and returns the clusters and links, in a canonical order. */
  public Result solve() {
    persons.sort(Comparator.comparingLong(PersonRecord::personId));
    subscribers.sort(Comparator.comparingLong(SubscriberRecord::subscriberId));
    List<int[]> recordNodes = new ArrayList<>(persons.size());
    Map<String, Instant> firstSeen = new HashMap<>();
    for (PersonRecord p : persons) {
      if (p.external()) {
        recordNodes.add(null);
        continue;
      }
      int[] nodes = new LinkedHashSet<>(p.keys()).stream().mapToInt(this::node).toArray();
      for (int n : nodes) {
        occurrences[n]++;
        firstSeen.merge(names.get(n), p.seenAt(), LinkGraph::min);
      }
      recordNodes.add(nodes);
    }
    for (SubscriberRecord s : subscribers) {
      if (!s.external()) {
        node(s.key());
        firstSeen.merge(s.key(), s.seenAt(), LinkGraph::min);
      }
    }
    splitActive = new boolean[splits.size()];
    Arrays.fill(splitActive, true);
    for (int s = 0; s < splits.size(); s++) {
      tag(splits.get(s).out(), s, 1);
      tag(splits.get(s).rest(), s, 2);
    }
    List<Link> links = new ArrayList<>();
    analystEdges(links);
    int[] hubs = new int[persons.size()];
    Map<Long, List<Integer>> personsOfReport = new HashMap<>();
    for (int i = 0; i < persons.size(); i++) {
      int[] nodes = recordNodes.get(i);
      if (nodes == null || nodes.length == 0) {
        hubs[i] = -1;
        continue;
      }
      int hub = hub(nodes);
      hubs[i] = hub;
      personsOfReport.computeIfAbsent(persons.get(i).reportId(), k -> new ArrayList<>(1)).add(i);
      String rule = occurrences[hub] >= 2 ? sameRule(LinkKeys.kindOf(names.get(hub)))
          : "REPORTED_TOGETHER";
      for (int n : nodes) {
        if (n != hub) {
          edge(hub, n, rule, "REPORT", persons.get(i).reportId(), links);
        }
      }
    }
    for (SubscriberRecord s : subscribers) {
      List<Integer> of = personsOfReport.get(s.reportId());
      if (s.external() || of == null || of.size() != 1) {
        continue; // no reported person, or several: the subscriber stands alone
      }
      edge(ids.get(s.key()), hubs[of.get(0)], "SAME_SUBSCRIBER", "SUBSCRIBER", s.subscriberId(),
          links);
    }
    proposals(links);
    // Links come in a fixed order (records by id, then proposals by their two ends); the
    // database needs no other.
    return new Result(clusters(), List.copyOf(links), firstSeen);
  }

  private void tag(Set<String> keys, int split, int side) {
    for (String k : keys) {
      Integer n = ids.get(k);
      if (n != null) {
        tags.computeIfAbsent(find(n), x -> new HashMap<>()).merge(split, side, (a, b) -> a | b);
      }
    }
  }

  /** Merges and confirmed links, oldest decision first: each may lift an older split. */
  private void analystEdges(List<Link> links) {
    record Edge(Instant at, long id, int a, int b, Link link) {}
    List<Edge> edges = new ArrayList<>();
    for (Merge m : merges) {
      String a = m.sideA().stream().filter(ids::containsKey).sorted().findFirst().orElse(null);
      String b = m.sideB().stream().filter(ids::containsKey).sorted().findFirst().orElse(null);
      if (a != null && b != null && !a.equals(b)) {
        edges.add(new Edge(m.at(), m.decisionId(), ids.get(a), ids.get(b), new Link(a, b,
            "ANALYST_MERGE", "MANUAL", RULE_WEIGHTS.get("ANALYST_MERGE"), "CONFIRMED",
            "DECISION", m.decisionId(), m.decidedBy(), m.at())));
      }
    }
    for (Verdict v : verdicts) {
      if (v.confirmed() && ids.containsKey(v.from()) && ids.containsKey(v.to())) {
        edges.add(new Edge(v.at(), v.decisionId(), ids.get(v.from()), ids.get(v.to()),
            new Link(v.from(), v.to(), "PERSON_SIMILARITY", "PROBABILISTIC", v.weight(),
                "CONFIRMED", v.evidenceType(), v.evidenceId(), v.decidedBy(), v.at())));
      }
    }
    edges.sort(Comparator.comparing(Edge::at).thenComparingLong(Edge::id));
    for (Edge e : edges) {
      long blockedBy = union(e.a(), e.b(), e.at());
      Link l = e.link();
      links.add(blockedBy < 0 ? l : new Link(l.from(), l.to(), l.rule(), l.kind(), l.weight(),
          "REJECTED", l.evidenceType(), l.evidenceId(), "decision:SPLIT#" + blockedBy,
          l.decidedAt()));
    }
  }

  private void edge(int from, int to, String rule, String evidenceType, long evidenceId,
      List<Link> links) {
    long blockedBy = union(from, to, null);
    links.add(new Link(names.get(from), names.get(to), rule, "DETERMINISTIC",
        RULE_WEIGHTS.get(rule), blockedBy < 0 ? "CONFIRMED" : "REJECTED", evidenceType,
        evidenceId, blockedBy < 0 ? null : "decision:SPLIT#" + blockedBy, null));
  }

  /** The record's identifier seen in the most records; then the most specific; then smallest. */
  private int hub(int[] nodes) {
    int best = nodes[0];
    for (int n : nodes) {
      int c = Integer.compare(occurrences[n], occurrences[best]);
      if (c == 0) {
        c = -Integer.compare(rank(names.get(n)), rank(names.get(best)));
      }
      if (c == 0) {
        c = -names.get(n).compareTo(names.get(best));
      }
      if (c > 0) {
        best = n;
      }
    }
    return best;
  }

  static int rank(String key) {
    int i = KIND_ORDER.indexOf(LinkKeys.kindOf(key));
    return i < 0 ? KIND_ORDER.size() : i;
  }

  static String sameRule(String kind) {
    return switch (kind) {
      case "EMAIL" -> "SAME_EMAIL";
      case "PHONE" -> "SAME_PHONE";
      case "PAYMENT_ID" -> "SAME_PAYMENT";
      case "DEVICE_ID" -> "SAME_DEVICE";
      default -> "SAME_ACCOUNT";
    };
  }

  /** A person record's anchor for probabilistic links: depends on the record alone. */
  static String anchor(List<String> keys) {
    return keys.stream().min(Comparator.comparingInt(LinkGraph::rank)
        .thenComparing(Comparator.naturalOrder())).orElse(null);
  }

  // ------------------------------------------------------------------ probabilistic proposals

  private record Comparable(String anchor, Traits traits, FellegiSunter.Prepared prepared,
      String evidenceType, long evidenceId, boolean external) {}

  private record Candidate(double score, String evidenceType, long evidenceId) {}

  private void proposals(List<Link> links) {
    List<Comparable> records = new ArrayList<>();
    for (PersonRecord p : persons) {
      if (!p.keys().isEmpty() && p.traits() != null && p.traits().comparable()) {
        records.add(new Comparable(anchor(p.keys()), p.traits(),
            FellegiSunter.Prepared.of(p.traits()), "REPORT", p.reportId(), p.external()));
      }
    }
    for (SubscriberRecord s : subscribers) {
      if (s.traits() != null && s.traits().comparable()) {
        records.add(new Comparable(s.key(), s.traits(), FellegiSunter.Prepared.of(s.traits()),
            "SUBSCRIBER", s.subscriberId(), s.external()));
      }
    }
    Map<String, List<Integer>> blocks = new HashMap<>();
    for (int i = 0; i < records.size(); i++) {
      for (String block : blocks(records.get(i).traits())) {
        blocks.computeIfAbsent(block, k -> new ArrayList<>()).add(i);
      }
    }
    Map<String, Verdict> decided = new HashMap<>();
    for (Verdict v : verdicts) {
      decided.put(pair(v.from(), v.to()), v);
    }
    Map<String, Candidate> best = new TreeMap<>();
    for (List<Integer> block : blocks.values()) {
      if (block.size() < 2 || block.size() > MAX_BLOCK) {
        continue;
      }
      for (int x = 0; x < block.size(); x++) {
        Comparable a = records.get(block.get(x));
        for (int y = x + 1; y < block.size(); y++) {
          Comparable b = records.get(block.get(y));
          if ((a.external() && b.external()) || a.anchor().equals(b.anchor())) {
            continue;
          }
          if (!a.external() && !b.external()
              && find(ids.get(a.anchor())) == find(ids.get(b.anchor()))) {
            continue;
          }
          double score = FellegiSunter.total(a.prepared(), b.prepared());
          if (score < FellegiSunter.PROPOSE_AT) {
            continue;
          }
          String pair = pair(a.anchor(), b.anchor());
          if (decided.containsKey(pair)) {
            continue;
          }
          Comparable from = a.anchor().compareTo(b.anchor()) < 0 ? a : b;
          Candidate c = new Candidate(score, from.evidenceType(), from.evidenceId());
          best.merge(pair, c, LinkGraph::better);
        }
      }
    }
    best.forEach((pair, c) -> {
      String[] ends = pair.split("\n", 2);
      links.add(new Link(ends[0], ends[1], "PERSON_SIMILARITY", "PROBABILISTIC",
          Math.round(c.score() * 100) / 100.0, "PROPOSED", c.evidenceType(), c.evidenceId(),
          null, null));
    });
    for (Verdict v : verdicts) {
      if (!v.confirmed() && (ids.containsKey(v.from()) || ids.containsKey(v.to()))) {
        links.add(new Link(v.from(), v.to(), "PERSON_SIMILARITY", "PROBABILISTIC", v.weight(),
            "REJECTED", v.evidenceType(), v.evidenceId(), v.decidedBy(), v.at()));
      }
    }
  }

  private static Candidate better(Candidate x, Candidate y) {
    if (x.score() != y.score()) {
      return x.score() > y.score() ? x : y;
    }
    int c = x.evidenceType().compareTo(y.evidenceType());
    if (c == 0) {
      c = Long.compare(x.evidenceId(), y.evidenceId());
    }
    return c <= 0 ? x : y;
  }

  /** The blocking keys of a record: its postal code; its year of birth with its name's code. */
  public static List<String> blocks(Traits t) {
    List<String> out = new ArrayList<>(2);
    String postal = FellegiSunter.postal(t.postalCode());
    if (!postal.isEmpty()) {
      out.add("P" + postal);
    }
    String code = LinkKeys.soundex(t.lastName());
    if (t.dateOfBirth() != null && !code.isEmpty()) {
      out.add("Y" + t.dateOfBirth().getYear() + code);
    }
    return out;
  }

  /** The two ends of a link in canonical order, as one map key. */
  public static String pair(String a, String b) {
    return a.compareTo(b) < 0 ? a + "\n" + b : b + "\n" + a;
  }

  // ------------------------------------------------------------------ clusters

  private List<Cluster> clusters() {
    Map<Integer, List<String>> byRoot = new HashMap<>();
    for (int n = 0; n < names.size(); n++) {
      byRoot.computeIfAbsent(find(n), k -> new ArrayList<>()).add(names.get(n));
    }
    Map<Integer, List<SubscriberRecord>> subsOf = new HashMap<>();
    for (SubscriberRecord s : subscribers) {
      if (!s.external()) {
        subsOf.computeIfAbsent(find(ids.get(s.key())), k -> new ArrayList<>()).add(s);
      }
    }
    Map<Integer, List<PersonRecord>> personsOf = new HashMap<>();
    for (PersonRecord p : persons) {
      if (!p.external() && !p.keys().isEmpty()) {
        personsOf.computeIfAbsent(find(ids.get(p.keys().get(0))), k -> new ArrayList<>()).add(p);
      }
    }
    List<Cluster> out = new ArrayList<>(byRoot.size());
    byRoot.forEach((root, keys) -> {
      keys.sort(Comparator.naturalOrder());
      List<SubscriberRecord> subs = subsOf.getOrDefault(root, List.of());
      List<PersonRecord> people = personsOf.getOrDefault(root, List.of());
      String name = null;
      for (SubscriberRecord s : subs) {
        name = name != null ? name : displayName(s.traits());
      }
      for (PersonRecord p : people) {
        name = name != null ? name : displayName(p.traits());
      }
      Map<String, Integer> subDeps = new TreeMap<>();
      for (SubscriberRecord s : subs) {
        String d = s.departementCode() != null ? s.departementCode()
            : s.traits() == null ? null : LinkKeys.departementOf(s.traits().postalCode());
        if (d != null) {
          subDeps.merge(d, 1, Integer::sum);
        }
      }
      Map<String, Integer> repDeps = new TreeMap<>();
      for (PersonRecord p : people) {
        String d = p.traits() == null ? null : LinkKeys.departementOf(p.traits().postalCode());
        if (d != null) {
          repDeps.merge(d, 1, Integer::sum);
        }
      }
      out.add(new Cluster(List.copyOf(keys), name, mostFrequent(subDeps), mostFrequent(repDeps)));
    });
    out.sort(Comparator.comparing(c -> c.keys().get(0)));
    return out;
  }

  private static String mostFrequent(Map<String, Integer> counts) {
    String best = null;
    int max = 0;
    for (Map.Entry<String, Integer> e : counts.entrySet()) {
      if (e.getValue() > max) {
        best = e.getKey();
        max = e.getValue();
      }
    }
    return best;
  }

  private static String displayName(Traits t) {
    if (t == null) {
      return null;
    }
    String first = t.firstName() == null ? "" : t.firstName().strip();
    String last = t.lastName() == null ? "" : t.lastName().strip();
    String name = (first + " " + last).strip();
    return name.isEmpty() ? null : name;
  }

  private static Instant min(Instant a, Instant b) {
    return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
  }
}
