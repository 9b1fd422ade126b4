package fr.vigie.app.matching;

import fr.vigie.app.audit.AuditAction;
import fr.vigie.app.audit.AuditEvent;
import fr.vigie.app.audit.AuditLog;
import fr.vigie.app.matching.internal.JdbcHashSets;
import fr.vigie.app.matching.internal.VersionOrder;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The hash sets Vigie knows, with their provenance. A newer version of a name replaces the active
 * one in the same transaction (the old one is retired, its matches go inactive, nothing is
 * deleted); every change is on the audit record, and a change whose audit entry cannot be written
 * is rolled back.
 */
@Service
public class HashSets {

  /** The object type of hash sets in the audit log. */
  public static final String OBJECT_TYPE = "hash_set";

  private final JdbcHashSets sets;
  private final AuditLog audit;
  private final ApplicationEventPublisher events;
  private final Clock clock;

  HashSets(JdbcHashSets sets, AuditLog audit, ApplicationEventPublisher events, Clock clock) {
    this.sets = sets;
    this.audit = audit;
    this.events = events;
    this.clock = clock;
  }

  /**
   * Registers the set and its entries unless that name and version exist; returns whether it did.
   */
  @Transactional
  public boolean registerIfAbsent(HashSetDraft draft, String importedBy) {
    if (sets.exists(draft.name(), draft.version())) {
      return false;
    }
    sets.insert(draft, importedBy);
    events.publishEvent(new HashSetsChanged(draft.name()));
    return true;
  }

  /**
   * Imports a version of a named set. The same name and version again changes nothing; a newer
   * version retires the active one atomically; an older version than the active one is refused.
   *
   * @param actor who imports, as the audit log names them (e.g. "cli:alice")
   */
  @Transactional
  public ImportOutcome importVersion(HashSetImport source, String actor) {
    HashSetDraft draft = source.draft();
    List<JdbcHashSets.Version> versions = sets.lockVersions(draft.name());
    for (JdbcHashSets.Version v : versions) {
      if (v.version().equals(draft.version())) {
        return new ImportOutcome.Unchanged(v.status());
      }
    }
    List<JdbcHashSets.Version> active = versions.stream()
        .filter(v -> v.status().equals("ACTIVE")).toList();
    for (JdbcHashSets.Version v : active) {
      if (VersionOrder.INSTANCE.compare(v.version(), draft.version()) > 0) {
        return new ImportOutcome.Older(v.version());
      }
    }
    long id = sets.insert(draft, source.categoryScheme(), source.rejected(), source.skipped(),
        actor);
    Instant now = Instant.now(clock);
    List<String> retired = new ArrayList<>();
    for (JdbcHashSets.Version v : active) {
      sets.retire(v.id(), now);
      retired.add(v.version());
      audit.record(AuditEvent.of(actor, null, AuditAction.UPDATE, OBJECT_TYPE, v.id(), null, null)
          .withDetail("retired " + draft.name() + " " + v.version() + ": replaced by version "
              + draft.version()));
    }
    audit.record(AuditEvent.of(actor, null, AuditAction.CREATE, OBJECT_TYPE, id, null, null)
        .withDetail("imported " + draft.name() + " " + draft.version() + " (" + draft.format()
            + ", " + draft.kind() + ", authority " + draft.authority()
            + (source.categoryScheme() == null ? "" : ", scheme " + source.categoryScheme())
            + "): " + draft.entries().size() + " entries, " + source.rejected() + " rejected, "
            + source.skipped() + " skipped"));
    events.publishEvent(new HashSetsChanged(draft.name()));
    return new ImportOutcome.Imported(id, retired);
  }

  /**
   * Retires the active version of the name (its matches go inactive, history stays); returns the
   * versions retired, empty when none was active.
   */
  @Transactional
  public List<String> retire(String name, String actor) {
    Instant now = Instant.now(clock);
    List<String> retired = new ArrayList<>();
    for (JdbcHashSets.Version v : sets.lockVersions(name)) {
      if (v.status().equals("ACTIVE")) {
        sets.retire(v.id(), now);
        retired.add(v.version());
        audit.record(AuditEvent.of(actor, null, AuditAction.UPDATE, OBJECT_TYPE, v.id(), null,
            null).withDetail("retired " + name + " " + v.version()));
      }
    }
    if (!retired.isEmpty()) {
      events.publishEvent(new HashSetsChanged(name));
    }
    return retired;
  }

  /** Returns every set, active first, with provenance and entries per category. */
  @Transactional(readOnly = true)
  public List<HashSetSummary> list() {
    return sets.list();
  }

  public HashSetCounts counts() {
    return sets.counts();
  }
}
