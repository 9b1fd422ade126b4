package fr.vigie.app.linking;

import fr.vigie.app.attribution.OperatorAnswered;
import fr.vigie.app.audit.AuditAction;
import fr.vigie.app.audit.AuditEvent;
import fr.vigie.app.audit.AuditLog;
import fr.vigie.app.intake.ReportsImported;
import fr.vigie.app.jobs.JobHandler;
import fr.vigie.app.jobs.JobKind;
import fr.vigie.app.jobs.JobQueue;
import fr.vigie.app.linking.LinkGraph.Cluster;
import fr.vigie.app.linking.LinkGraph.Link;
import fr.vigie.app.linking.internal.JdbcLinking.Membership;
import fr.vigie.app.linking.internal.JdbcLinking.NewSuspect;
import fr.vigie.app.linking.internal.JdbcLinking;
import fr.vigie.app.security.Access;
import fr.vigie.app.storage.Timestamps;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Links identifiers into suspects (see {@link LinkGraph} for the rules, docs/linking.md for the
 * why). Two paths give the same result: {@link #rebuild()} streams every record once, links in
 * memory and writes in batches; the incremental path ({@link #linkImport}, {@link #linkAnswer},
 * and every analyst decision) gathers the whole connected component of what changed — through
 * shared identifiers, the reports naming them, their subscribers, the suspects holding them and
 * the analysts' decisions — and recomputes only that. Each run holds the linking lock
 * ({@code linking_state} FOR UPDATE) so that nodes never link concurrently.
 *
 * <p>Analysts' merges, splits, confirmations and rejections are stored by identifier keys, not
 * suspect ids, and replayed on every run: a split is never silently undone by new evidence.
 */
@Service
public class Linking implements JobHandler<LinkingJob> {

  /** The job kind; its payload says what to link ({@link LinkingJob}). */
  public static final JobKind<LinkingJob> JOB_KIND =
      new JobKind<>("link-suspects", LinkingJob.class);

  private static final Logger log = LoggerFactory.getLogger(Linking.class);

  private final JdbcLinking store;
  private final JobQueue queue;
  private final AuditLog audit;
  private final TransactionTemplate transaction;
  private final Clock clock;
  private final ApplicationEventPublisher events;

  Linking(JdbcLinking store, JobQueue queue, AuditLog audit,
      TransactionTemplate transaction, Clock clock, ApplicationEventPublisher events) {
    this.events = events;
    this.store = store;
    this.queue = queue;
    this.audit = audit;
    this.transaction = transaction;
    this.clock = clock;
  }

  // ------------------------------------------------------------------ jobs

  @Override
  public JobKind<LinkingJob> kind() {
    return JOB_KIND;
  }

  @Override
  public void run(LinkingJob job) {
    switch (job) {
      case LinkingJob.Rebuild r -> rebuild();
      case LinkingJob.Import i -> linkImport(i.importJobId());
      case LinkingJob.Answer a -> linkAnswer(a.answerId());
    }
  }

  /**
   * Queues the linking of the reports of an import run (one job per run; a resumed run queues
   * it again, and linking the same reports twice ends the same).
   */
  @TransactionalEventListener(fallbackExecution = true)
  void reportsImported(ReportsImported imported) {
    queue.requeue(JOB_KIND, new LinkingJob.Import(imported.importJobId()));
  }

  /** Queues the linking of an operator's answer once it has committed. */
  @TransactionalEventListener(fallbackExecution = true)
  void operatorAnswered(OperatorAnswered answered) {
    queueAnswer(answered.answerId());
  }

  /** Queues the linking of the subscribers an operator's answer identified. */
  public void queueAnswer(long answerId) {
    queue.requeue(JOB_KIND, new LinkingJob.Answer(answerId));
  }

  // ------------------------------------------------------------------ the runs

  /** Phases of the current rebuild and their durations, for the log (one rebuild at a time). */
  private final StringBuilder phases = new StringBuilder();
  private volatile long phaseStart;
  private volatile Thread timed;

  private void phase(String name) {
    if (timed != Thread.currentThread()) {
      return;
    }
    long now = System.nanoTime();
    if (phaseStart != 0) {
      phases.append(name).append(' ').append((now - phaseStart) / 1_000_000).append(" ms; ");
    }
    phaseStart = now;
  }

  /** Re-links everything from the records and the analysts' decisions. */
  public synchronized LinkingRun rebuild() {
    long started = System.nanoTime();
    phases.setLength(0);
    phaseStart = started;
    timed = Thread.currentThread();
    LinkingRun run = transaction.execute(status -> {
      long counter = store.lockAndReadCounter();
      LinkGraph graph = new LinkGraph();
      long[] records = {0};
      Map<Long, Object[]> subscriberKeys = new HashMap<>();
      store.streamPersons(p -> {
        graph.add(p);
        records[0]++;
      });
      phase("read persons");
      store.streamSubscribers(s -> {
        graph.add(s);
        records[0]++;
        subscriberKeys.put(s.subscriberId(), new Object[] {s.subscriberId(), s.key(),
            s.reportId()});
      });
      graph.decisions(store.merges(), store.splits(), store.verdicts());
      phase("read subscribers and decisions");
      LinkGraph.Result result = graph.solve();
      phase("link in memory");
      Map<String, Membership> current = store.allMemberships();
      phase("read suspects");
      store.replaceSubscriberKeys(true, subscriberKeys);
      phase("subscriber keys");
      return write("REBUILD", result, current, true, counter, records[0], started);
    });
    timed = null;
    log.info("Linking rebuilt: {} ({})", run, phases);
    audit.record(AuditEvent.of("system", null, AuditAction.UPDATE, "linking", "rebuild", null,
        null).withDetail(run.toString()));
    return run;
  }

  /** Links the reports of one import run (and drops what their superseded versions named). */
  public LinkingRun linkImport(long importJobId) {
    return transaction.execute(status -> {
      Set<Long> reports = store.reportsOfImport(importJobId);
      return relink("IMPORT", store.keysNamedBy(reports), reports);
    });
  }

  /** Links the subscribers one operator's answer identified. */
  public LinkingRun linkAnswer(long answerId) {
    return transaction.execute(status ->
        relink("ANSWER", Set.of(), store.reportsOfAnswer(answerId)));
  }

  /**
   * Recomputes the connected component of these identifiers and reports; must run inside a
   * transaction.
   */
  LinkingRun relink(String kind, Collection<String> seedKeys, Collection<Long> seedReports) {
    long started = System.nanoTime();
    long counter = store.lockAndReadCounter();
    List<LinkGraph.Merge> merges = store.merges();
    List<LinkGraph.Split> splits = store.splits();
    List<LinkGraph.Verdict> verdicts = store.verdicts();
    Map<String, Set<String>> decided = new HashMap<>();
    for (LinkGraph.Merge m : merges) {
      for (String a : m.sideA()) {
        for (String b : m.sideB()) {
          decided.computeIfAbsent(a, k -> new HashSet<>()).add(b);
          decided.computeIfAbsent(b, k -> new HashSet<>()).add(a);
        }
      }
    }
    for (LinkGraph.Verdict v : verdicts) {
      if (v.confirmed()) {
        decided.computeIfAbsent(v.from(), k -> new HashSet<>()).add(v.to());
        decided.computeIfAbsent(v.to(), k -> new HashSet<>()).add(v.from());
      }
    }
    Set<String> keys = new HashSet<>();
    Set<Long> reports = new HashSet<>();
    Set<Long> suspectIds = new HashSet<>();
    Map<Long, LinkGraph.PersonRecord> persons = new HashMap<>();
    Map<Long, LinkGraph.SubscriberRecord> subscribers = new HashMap<>();
    Map<String, Membership> current = new HashMap<>();
    Set<String> newKeys = new HashSet<>(seedKeys);
    Set<Long> newReports = new HashSet<>(seedReports);
    while (!newKeys.isEmpty() || !newReports.isEmpty()) {
      newKeys.removeAll(keys);
      newReports.removeAll(reports);
      keys.addAll(newKeys);
      reports.addAll(newReports);
      Set<String> foundKeys = new HashSet<>();
      Set<Long> foundReports = new HashSet<>();
      if (!newReports.isEmpty()) {
        for (LinkGraph.PersonRecord p : store.personsOfReports(newReports)) {
          persons.put(p.personId(), p);
          foundKeys.addAll(p.keys());
        }
        for (LinkGraph.SubscriberRecord s : store.subscribersOfReports(newReports)) {
          subscribers.put(s.subscriberId(), s);
          foundKeys.add(s.key());
        }
      }
      if (!newKeys.isEmpty()) {
        foundReports.addAll(store.reportsNaming(newKeys));
        Map<String, Membership> found = store.memberships(newKeys);
        current.putAll(found);
        Set<Long> newSuspects = new HashSet<>();
        for (Membership m : found.values()) {
          if (suspectIds.add(m.suspectId())) {
            newSuspects.add(m.suspectId());
          }
        }
        Map<String, Membership> siblings = store.identifiersOfSuspects(newSuspects);
        current.putAll(siblings);
        foundKeys.addAll(siblings.keySet());
        for (String k : newKeys) {
          foundKeys.addAll(decided.getOrDefault(k, Set.of()));
        }
      }
      foundKeys.removeAll(keys);
      foundReports.removeAll(reports);
      newKeys = foundKeys;
      newReports = foundReports;
    }
    LinkGraph graph = new LinkGraph();
    persons.values().forEach(graph::add);
    subscribers.values().forEach(graph::add);
    addBlockMates(graph, persons, subscribers);
    graph.decisions(merges, splits, verdicts);
    LinkGraph.Result result = graph.solve();
    // Links of the old clusters go; those of the new ones are written below.
    store.deleteLinksOf(current.values().stream().map(Membership::identifierId).toList());
    Map<Long, Object[]> subscriberKeys = new HashMap<>();
    subscribers.values().forEach(s -> subscriberKeys.put(s.subscriberId(),
        new Object[] {s.subscriberId(), s.key(), s.reportId()}));
    store.replaceSubscriberKeys(false, subscriberKeys);
    return write(kind, result, current, false, counter, persons.size() + subscribers.size(),
        started);
  }

  /** The records outside the component that share a block with one inside: compared only. */
  private void addBlockMates(LinkGraph graph, Map<Long, LinkGraph.PersonRecord> persons,
      Map<Long, LinkGraph.SubscriberRecord> subscribers) {
    Set<String> blocks = new HashSet<>();
    Set<String> postal = new HashSet<>();
    Set<Integer> years = new HashSet<>();
    List<FellegiSunter.Traits> traits = new ArrayList<>();
    persons.values().stream().filter(p -> !p.keys().isEmpty()).forEach(p -> traits.add(p.traits()));
    subscribers.values().forEach(s -> traits.add(s.traits()));
    for (FellegiSunter.Traits t : traits) {
      if (t == null || !t.comparable()) {
        continue;
      }
      blocks.addAll(LinkGraph.blocks(t));
      if (t.postalCode() != null && !t.postalCode().isBlank()) {
        postal.add(t.postalCode());
        postal.add(FellegiSunter.postal(t.postalCode()));
      }
      if (t.dateOfBirth() != null) {
        years.add(t.dateOfBirth().getYear());
      }
    }
    if (blocks.isEmpty()) {
      return;
    }
    Set<Long> seenPersons = new HashSet<>(persons.keySet());
    for (LinkGraph.PersonRecord p : store.personsInBlocks(postal, years)) {
      if (seenPersons.add(p.personId()) && p.traits().comparable()
          && LinkGraph.blocks(p.traits()).stream().anyMatch(blocks::contains)) {
        graph.add(p);
      }
    }
    Set<Long> seenSubscribers = new HashSet<>(subscribers.keySet());
    for (LinkGraph.SubscriberRecord s : store.subscribersInBlocks(postal, years)) {
      if (seenSubscribers.add(s.subscriberId()) && s.traits().comparable()
          && LinkGraph.blocks(s.traits()).stream().anyMatch(blocks::contains)) {
        graph.add(s);
      }
    }
  }

  /**
   * Writes the clusters onto suspects: each cluster keeps the existing suspect holding most of
   * its identifiers (the oldest on a tie), so references stay stable; the others are created.
   * Suspects left without identifiers are marked MERGED into the one that took most of them.
   */
  private LinkingRun write(String kind, LinkGraph.Result result, Map<String, Membership> current,
      boolean rebuild, long counter, long records, long started) {
    Instant now = clock.instant();
    Map<String, Long> units = store.unitsByDepartement();
    List<Cluster> order = new ArrayList<>(result.clusters());
    order.sort(Comparator.comparingInt((Cluster c) -> -c.keys().size())
        .thenComparing(c -> c.keys().get(0)));
    Set<Long> linkedSuspects = new HashSet<>();
    current.values().forEach(m -> {
      if (m.linked()) {
        linkedSuspects.add(m.suspectId());
      }
    });
    Set<Long> taken = new HashSet<>();
    Map<Cluster, Long> reused = new HashMap<>();
    Map<Cluster, String> created = new HashMap<>();
    List<NewSuspect> news = new ArrayList<>();
    long next = counter;
    for (Cluster c : order) {
      Map<Long, Integer> counts = new HashMap<>();
      for (String k : c.keys()) {
        Membership m = current.get(k);
        if (m != null && !taken.contains(m.suspectId())) {
          counts.merge(m.suspectId(), 1, Integer::sum);
        }
      }
      Long best = counts.entrySet().stream()
          .min(Comparator.comparingInt((Map.Entry<Long, Integer> e) -> -e.getValue())
              .thenComparingLong(Map.Entry::getKey))
          .map(Map.Entry::getKey).orElse(null);
      String dep = departement(c, units);
      if (best != null) {
        taken.add(best);
        reused.put(c, best);
      } else {
        String reference = String.format(Locale.ROOT, "S-%07d", next++);
        created.put(c, reference);
        news.add(new NewSuspect(reference, name(c), dep == null ? null : units.get(dep), dep,
            now));
      }
    }
    phase("assign suspects");
    Map<String, Long> newIds = store.insertSuspects(news);
    phase("insert suspects");
    Map<Long, String> states = store.suspectStates(taken, rebuild);
    List<Object[]> updates = new ArrayList<>();
    List<Object[]> keepUnit = new ArrayList<>();
    Map<String, Long> target = new HashMap<>();
    for (Cluster c : order) {
      Long id = reused.containsKey(c) ? reused.get(c) : newIds.get(created.get(c));
      for (String k : c.keys()) {
        target.put(k, id);
      }
      if (reused.containsKey(c)) {
        String dep = departement(c, units);
        String state = states.getOrDefault(id, "");
        Long unit = dep == null ? null : units.get(dep);
        if (dep != null || linkedSuspects.contains(id)) {
          if (!state.equals(JdbcLinking.state(name(c), unit, dep, "ACTIVE"))) {
            updates.add(new Object[] {name(c), unit, dep, Timestamps.utc(now), id});
          }
        } else if (!state.endsWith("\tACTIVE")) {
          keepUnit.add(new Object[] {Timestamps.utc(now), id});
        }
      }
    }
    store.updateSuspects(updates);
    store.updateSuspectsKeepingUnit(keepUnit);
    phase("update suspects");
    List<Object[]> moves = new ArrayList<>();
    List<Object[]> inserts = new ArrayList<>();
    for (Map.Entry<String, Long> e : target.entrySet()) {
      Membership m = current.get(e.getKey());
      if (m == null) {
        Instant seen = result.firstSeen().getOrDefault(e.getKey(), now);
        inserts.add(new Object[] {e.getValue(), LinkKeys.kindOf(e.getKey()),
            LinkKeys.valueOf(e.getKey()), Timestamps.utc(seen)});
      } else if (m.suspectId() != e.getValue()) {
        moves.add(new Object[] {e.getValue(), m.identifierId()});
      }
    }
    // Identifiers with no evidence left: gone from the suspects linking made, kept elsewhere.
    List<Long> gone = new ArrayList<>();
    Map<Long, Integer> remaining = new HashMap<>();
    Map<Long, Map<Long, Integer>> wentTo = new HashMap<>();
    for (Map.Entry<String, Membership> e : current.entrySet()) {
      Membership m = e.getValue();
      Long to = target.get(e.getKey());
      if (to == null) {
        if (m.linked()) {
          gone.add(m.identifierId());
        } else {
          remaining.merge(m.suspectId(), 1, Integer::sum);
        }
      } else {
        wentTo.computeIfAbsent(m.suspectId(), k -> new HashMap<>()).merge(to, 1, Integer::sum);
      }
    }
    store.deleteIdentifiers(gone);
    store.moveIdentifiers(moves);
    store.insertIdentifiers(inserts);
    phase("write identifiers");
    List<Object[]> retired = new ArrayList<>();
    Set<Long> before = new HashSet<>();
    current.values().forEach(m -> before.add(m.suspectId()));
    for (long old : before) {
      if (taken.contains(old) || remaining.containsKey(old)) {
        continue;
      }
      Long into = wentTo.getOrDefault(old, Map.of()).entrySet().stream()
          .min(Comparator.comparingInt((Map.Entry<Long, Integer> e) -> -e.getValue())
              .thenComparingLong(Map.Entry::getKey))
          .map(Map.Entry::getKey).orElse(null);
      retired.add(new Object[] {into == null ? "CLOSED" : "MERGED", into, Timestamps.utc(now),
          old});
    }
    store.retireSuspects(retired);
    phase("retire suspects");
    // Links, now that every identifier has its row.
    Map<String, Membership> rows;
    if (rebuild) {
      rows = store.allMemberships();
    } else {
      Set<String> ends = new LinkedHashSet<>(target.keySet());
      for (Link l : result.links()) {
        ends.add(l.from());
        ends.add(l.to());
      }
      rows = store.memberships(ends);
    }
    phase("read identifier ids");
    List<Object[]> links = new ArrayList<>(result.links().size());
    long proposed = 0;
    for (Link l : result.links()) {
      Membership from = rows.get(l.from());
      Membership to = rows.get(l.to());
      if (from == null || to == null) {
        continue;
      }
      if ("PROPOSED".equals(l.status())) {
        proposed++;
      }
      links.add(new Object[] {from.suspectId(), from.identifierId(), to.identifierId(), l.rule(),
          l.kind(), l.weight(), l.status(), l.evidenceType(), l.evidenceId(),
          Timestamps.utc(now), l.decidedBy(),
          l.decidedAt() == null ? null : Timestamps.utc(l.decidedAt())});
    }
    if (rebuild) {
      // Most links of a rebuild are the ones already stored: write only the difference.
      Map<String, Long> stored = store.allLinks();
      phase("read links");
      List<Object[]> added = new ArrayList<>();
      for (Object[] row : links) {
        if (stored.remove(JdbcLinking.linkKey(row)) == null) {
          added.add(row);
        }
      }
      store.deleteLinks(stored.values());
      store.insertLinks(added);
    } else {
      store.insertLinks(links);
    }
    phase("write links");
    store.finishRun(next, kind, now);
    if (!rebuild) {
      // The suspects this run wrote: triage re-scores them once the run has committed (an
      // answer that joins two suspects changes the evidence their assessment counted).
      Set<Long> written = new HashSet<>();
      target.keySet().forEach(k -> {
        Membership m = rows.get(k);
        if (m != null) {
          written.add(m.suspectId());
        }
      });
      if (!written.isEmpty()) {
        events.publishEvent(new SuspectsLinked(kind, written));
      }
    }
    long millis = (System.nanoTime() - started) / 1_000_000;
    return new LinkingRun(kind, records, target.size(), result.clusters().size(), links.size(),
        proposed, news.size(), millis);
  }

  private static String departement(Cluster c, Map<String, Long> units) {
    if (c.subscriberDepartement() != null && units.containsKey(c.subscriberDepartement())) {
      return c.subscriberDepartement();
    }
    if (c.reportedDepartement() != null && units.containsKey(c.reportedDepartement())) {
      return c.reportedDepartement();
    }
    return null;
  }

  private static String name(Cluster c) {
    if (c.displayName() != null) {
      return c.displayName();
    }
    String v = LinkKeys.valueOf(c.keys().get(0));
    return v.length() > 300 ? v.substring(0, 300) : v;
  }

  // ------------------------------------------------------------------ analysts' decisions

  /**
   * Merges two suspects; the merge is replayed on every run. The caller (the suspects' page) has
   * checked that the analyst may see both.
   *
   * @param unitId the first suspect's unit, for the audit record
   */
  public LinkingRun merge(Access access, long suspectId, Long unitId, long otherId,
      String otherReference, String reason) {
    String why = required(reason);
    if (suspectId == otherId) {
      throw new IllegalArgumentException("a suspect cannot be merged with itself");
    }
    return transaction.execute(status -> {
      List<String> keysA = store.keysOf(suspectId);
      List<String> keysB = store.keysOf(otherId);
      if (keysA.isEmpty() || keysB.isEmpty()) {
        throw new IllegalArgumentException("a suspect without identifiers cannot be merged");
      }
      long decision = store.insertDecision("MERGE", suspectId, otherId,
          JdbcLinking.sidesText("A", keysA, "B", keysB), why, access.caller().username(),
          clock.instant());
      audit.record(AuditEvent.of(access.caller().username(), access.caller().role().name(),
              AuditAction.UPDATE, "suspect", suspectId, unitId, access.clientAddress())
          .withDetail("merge with " + otherReference + " (decision " + decision + ")")
          .withReason(why));
      Set<String> seeds = new HashSet<>(keysA);
      seeds.addAll(keysB);
      return relink("DECISION", seeds, Set.of());
    });
  }

  /**
   * Splits these identifiers out of a suspect into a suspect of their own; new evidence will never
   * silently join them back (only a later analyst merge can).
   */
  public LinkingRun split(Access access, long suspectId, Long unitId, Collection<String> keys,
      String reason) {
    String why = required(reason);
    return transaction.execute(status -> {
      List<String> all = store.keysOf(suspectId);
      Set<String> out = new java.util.TreeSet<>(keys);
      if (out.isEmpty() || !all.containsAll(out) || out.size() == all.size()) {
        throw new IllegalArgumentException(
            "choose some, not all, of the suspect's own identifiers to split out");
      }
      List<String> rest = all.stream().filter(k -> !out.contains(k)).toList();
      long decision = store.insertDecision("SPLIT", suspectId, null,
          JdbcLinking.sidesText("OUT", out, "REST", rest), why, access.caller().username(),
          clock.instant());
      audit.record(AuditEvent.of(access.caller().username(), access.caller().role().name(),
              AuditAction.UPDATE, "suspect", suspectId, unitId, access.clientAddress())
          .withDetail("split out " + String.join(", ", out) + " (decision " + decision + ")")
          .withReason(why));
      return relink("DECISION", all, Set.of());
    });
  }

  /** Returns the suspects a link touches (to check that the caller may see them all). */
  public List<Long> suspectsOfLink(long linkId) {
    return store.suspectsOfLink(linkId);
  }

  /** Returns the id of a suspect by its reference, if any. */
  public java.util.Optional<Long> suspectByReference(String reference) {
    return store.suspectByReference(reference);
  }

  /** Returns the suspect that now holds an identifier (after a decision moved it). */
  public java.util.Optional<Long> suspectOf(String nodeKey) {
    return store.memberships(List.of(nodeKey)).values().stream()
        .map(Membership::suspectId).findFirst();
  }

  /** Returns the node keys of a suspect's identifiers. */
  public List<String> keysOf(long suspectId) {
    return store.keysOf(suspectId);
  }

  /**
   * Confirms or rejects a proposed link; the caller has checked that the analyst may see every
   * suspect of {@link #suspectsOfLink}.
   */
  public LinkingRun decide(Access access, long linkId, Long unitId, boolean confirm,
      String reason) {
    String why = required(reason);
    Link link = store.link(linkId).orElseThrow(NoSuchElementException::new);
    if (!"PROPOSED".equals(link.status())) {
      throw new IllegalArgumentException("only a proposed link can be confirmed or rejected");
    }
    Long scope = unitId;
    return transaction.execute(status -> {
      store.insertVerdict(link, confirm, why, access.caller().username(), clock.instant());
      audit.record(AuditEvent.of(access.caller().username(), access.caller().role().name(),
              AuditAction.UPDATE, "link", linkId, scope, access.clientAddress())
          .withDetail((confirm ? "confirmed " : "rejected ") + link.from() + " ~ " + link.to()
              + " (score " + link.weight() + ")")
          .withReason(why));
      return relink("DECISION", List.of(link.from(), link.to()), Set.of());
    });
  }

  private static String required(String reason) {
    if (reason == null || reason.isBlank()) {
      throw new IllegalArgumentException("a reason is required");
    }
    return reason.strip();
  }
}
