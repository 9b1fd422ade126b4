package fr.vigie.app.attribution;

import fr.vigie.app.attribution.internal.JdbcAttributions;
import fr.vigie.app.intake.IpEvent;
import fr.vigie.app.intake.IpEvents;
import fr.vigie.app.intake.ReportsImported;
import fr.vigie.app.jobs.JobKind;
import fr.vigie.app.jobs.JobQueue;
import fr.vigie.geo.AttributionOutcome;
import fr.vigie.geo.CidrBlock;
import fr.vigie.geo.GeoFacts;
import fr.vigie.geo.IpAttributor;
import fr.vigie.geo.IpEventFacts;
import fr.vigie.geo.OperatorRef;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Attributes IP events: after each import run (one job per run, queued by
 * {@link ReportsImported}), or all of them again (after new GeoIP databases or a directory edit).
 * Idempotent: a run replaces the rows of the events it saw, so running it twice, or after a crash
 * half-way, ends in the same state. Events a live requisition already asked for are left alone.
 */
@Service
public class Attribution {

  public static final JobKind<AttributeImportRun> IMPORT_KIND =
      new JobKind<>("attribute-import", AttributeImportRun.class);
  public static final JobKind<AttributeAllEvents> ALL_KIND =
      new JobKind<>("attribute-all", AttributeAllEvents.class);
  private static final Logger log = LoggerFactory.getLogger(Attribution.class);
  private static final int BATCH = 1000;

  private final IpEvents events;
  private final Operators operators;
  private final GeoIpDatabases geo;
  private final AttributionSettings settings;
  private final JdbcAttributions store;
  private final JobQueue queue;
  private final TransactionTemplate transaction;
  private final Clock clock;

  Attribution(IpEvents events, Operators operators, GeoIpDatabases geo,
      AttributionSettings settings, JdbcAttributions store, JobQueue queue,
      TransactionTemplate transaction, Clock clock) {
    this.events = events;
    this.operators = operators;
    this.geo = geo;
    this.settings = settings;
    this.store = store;
    this.queue = queue;
    this.transaction = transaction;
    this.clock = clock;
  }

  /** Queues the attribution of one import run's events; the same run twice queues one job. */
  @TransactionalEventListener(fallbackExecution = true)
  void reportsImported(ReportsImported imported) {
    queue.enqueue(IMPORT_KIND, new AttributeImportRun(imported.importJobId()));
  }

  /**
   * On start, queues one full run when IP events exist and none is attributed yet: data stored
   * before attribution existed, or seeded without an import run (the demo). Only queues; the
   * server's worker runs it.
   */
  @EventListener(ApplicationReadyEvent.class)
  void firstStart() {
    if (store.countByOutcome().isEmpty() && !events.after(0, 1).isEmpty()) {
      queue.enqueue(ALL_KIND, new AttributeAllEvents());
    }
  }

  /** Queues a run over every event (it runs again even if it ran before). */
  public void requestFullRun() {
    queue.requeue(ALL_KIND, new AttributeAllEvents());
  }

  /** Attributes the events of one import run now. */
  public AttributionRun attributeImport(long importJobId) {
    Tally tally = new Tally(newAttributor());
    List<IpEvent> all = events.ofImportJob(importJobId);
    for (int from = 0; from < all.size(); from += BATCH) {
      tally.run(all.subList(from, Math.min(all.size(), from + BATCH)));
    }
    return tally.result();
  }

  /** Attributes every event now, in batches each committed on its own. */
  public AttributionRun attributeAll() {
    Tally tally = new Tally(newAttributor());
    long after = 0;
    List<IpEvent> batch;
    while (!(batch = events.after(after, BATCH)).isEmpty()) {
      tally.run(batch);
      after = batch.getLast().id();
    }
    AttributionRun run = tally.result();
    log.info("Attributed {} IP events ({} left in requisitions): {}", run.attributed(),
        run.skipped(), run.byOutcome());
    return run;
  }

  /** The figures of the attribution page. */
  public AttributionOverview overview() {
    return new AttributionOverview(store.countByOutcome(), store.countUnattributedByReason(),
        store.pendingByOperator(), store.countForeignByCountry(), geo.current().status(),
        store.countNotYetAttributed());
  }

  /** One page of attributed events, optionally of one outcome and reason. */
  public List<AttributedEvent> list(String outcome, String reasonCode, int page, int size) {
    return store.list(outcome, reasonCode, Math.max(0, page), size);
  }

  /**
   * Hands the attributed events (optionally of one outcome and reason) to {@code each}, newest
   * first as the list, at most {@code max}, a thousand at a time; returns whether there were
   * more.
   */
  public boolean forEach(String outcome, String reasonCode, int max,
      java.util.function.Consumer<AttributedEvent> each) {
    AttributedEvent last = null;
    int handed = 0;
    while (true) {
      int batch = Math.min(1000, max - handed);
      List<AttributedEvent> rows = store.listAfter(outcome, reasonCode, last, batch + 1);
      boolean more = rows.size() > batch;
      List<AttributedEvent> shown = more ? rows.subList(0, batch) : rows;
      shown.forEach(each);
      handed += shown.size();
      if (!more) {
        return false;
      }
      if (handed >= max) {
        return true;
      }
      last = shown.getLast();
    }
  }

  /** How these events were attributed (those not attributed yet are absent). */
  public List<AttributedEvent> ofEvents(java.util.Collection<Long> ipEventIds) {
    return store.byIds(ipEventIds);
  }

  /** The events of one country, as its referral (Europol / Interpol) needs them. */
  public List<AttributedEvent> referral(String country) {
    return store.foreign(country);
  }

  private IpAttributor newAttributor() {
    return new IpAttributor(geo.current(), operators.directory(), settings.retention());
  }

  /** One run: the attributor it decides with, and what it did. */
  private final class Tally {
    final IpAttributor attributor;
    final Instant now = clock.instant();
    final Map<String, Long> byOutcome = new TreeMap<>();
    long attributed;
    long skipped;

    Tally(IpAttributor attributor) {
      this.attributor = attributor;
    }

    void run(List<IpEvent> batch) {
      transaction.executeWithoutResult(status -> {
        Set<Long> asked = store.inOpenRequisitions(batch.stream().map(IpEvent::id).toList());
        List<JdbcAttributions.Row> rows = new ArrayList<>();
        for (IpEvent e : batch) {
          if (asked.contains(e.id())) {
            skipped++;
            continue;
          }
          AttributionOutcome outcome = attributor.attribute(
              new IpEventFacts(e.ip(), e.port(), e.occurredAt()), now);
          rows.add(row(e, outcome));
          byOutcome.merge(outcome.code(), 1L, Long::sum);
        }
        store.replace(rows, now);
        attributed += rows.size();
      });
    }

    AttributionRun result() {
      return new AttributionRun(attributed, skipped, Map.copyOf(byOutcome),
          geo.current().status());
    }
  }

  static JdbcAttributions.Row row(IpEvent e, AttributionOutcome outcome) {
    OperatorRef operator = null;
    CidrBlock range = null;
    java.time.LocalDate expiredOn = null;
    String reasonCode = null;
    switch (outcome) {
      case AttributionOutcome.France f -> {
        operator = f.operator();
        range = f.cgnat();
      }
      case AttributionOutcome.PortNeeded p -> {
        operator = p.operator();
        range = p.cgnat();
      }
      case AttributionOutcome.Expired x -> {
        operator = x.operator();
        expiredOn = x.expiredOn();
      }
      case AttributionOutcome.Foreign f -> { }
      case AttributionOutcome.Unattributed u -> reasonCode = u.why().name();
    }
    GeoFacts facts = outcome.facts();
    String country = outcome instanceof AttributionOutcome.Foreign f ? f.country()
        : facts.country();
    return new JdbcAttributions.Row(e.id(), e.reportId(), e.reportRef(), e.ip(), e.port(),
        e.occurredAt(), outcome.code(), reasonCode, outcome.reason(), country, facts.asn(),
        truncate(facts.asOrganization(), 200), operator == null ? null : operator.id(),
        range == null ? null : range.toString(), expiredOn, e.importJobId());
  }

  private static String truncate(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }
}
