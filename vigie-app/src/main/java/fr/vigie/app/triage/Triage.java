package fr.vigie.app.triage;

import fr.vigie.app.audit.AuditAction;
import fr.vigie.app.audit.AuditEvent;
import fr.vigie.app.audit.AuditLog;
import fr.vigie.app.security.Access;
import fr.vigie.app.suspects.Suspect;
import fr.vigie.app.suspects.Suspects;
import fr.vigie.app.triage.internal.JdbcAssessments;
import fr.vigie.app.triage.internal.JdbcRiskEvidence;
import fr.vigie.app.triage.internal.JdbcRiskFacts;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Risk assessments and the queues they order. Scoring is a pure sum ({@link RiskScorer}) over
 * the evidence the pipeline holds; every assessment keeps the weights' version and each factor's
 * points and evidence; the previous one stays, no longer current. An analyst's override carries
 * over to later assessments until withdrawn, so a re-score never silently undoes a decision.
 */
@Service
public class Triage {

  /** The shortest reason accepted for an override: a sentence, not a shrug. */
  public static final int MIN_REASON = 10;

  private final JdbcRiskEvidence evidence;
  private final JdbcAssessments assessments;
  private final JdbcRiskFacts facts;
  private final Weights weights;
  private final Suspects suspects;
  private final AuditLog audit;
  private final Clock clock;

  Triage(JdbcRiskEvidence evidence, JdbcAssessments assessments, JdbcRiskFacts facts,
      Weights weights, Suspects suspects, AuditLog audit, Clock clock) {
    this.evidence = evidence;
    this.assessments = assessments;
    this.facts = facts;
    this.weights = weights;
    this.suspects = suspects;
    this.audit = audit;
    this.clock = clock;
  }

  /** Returns the weights in use. */
  public Weights weights() {
    return weights;
  }

  /**
   * Scores the suspect on the evidence held now and stores the result as its current
   * assessment; returns it.
   */
  @Transactional
  public RiskAssessment assess(long suspectId) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    RiskFacts known = facts.find(suspectId).orElse(RiskFacts.none());
    Scoring s = RiskScorer.score(evidence.gather(suspectId, known, now), weights);
    Optional<RiskAssessment> previous = assessments.current(suspectId);
    // The deadline runs from when the suspect entered the tier, not from the latest re-score.
    Instant due = previous.filter(p -> p.computedTier() == s.tier()).map(RiskAssessment::dueAt)
        .orElse(now.plus(weights.deadline(s.tier())));
    Tier overrideTier = previous.map(RiskAssessment::overrideTier).orElse(null);
    Tier effective = overrideTier == null ? s.tier() : overrideTier;
    Instant effectiveDue = overrideTier == null ? due : previous.get().effectiveDueAt();
    assessments.insertCurrent(new JdbcAssessments.NewAssessment(suspectId, s.weightsVersion(),
        s.score(), s.tier(), due, effective, effectiveDue, now, overrideTier,
        previous.map(RiskAssessment::overrideReason).orElse(null),
        previous.map(RiskAssessment::overrideBy).orElse(null),
        previous.map(RiskAssessment::overrideAt).orElse(null),
        FactorsJson.write(s), s.contributions()));
    return assessments.current(suspectId).orElseThrow();
  }

  /** Returns the suspect's current assessment; no scope check (internal stages, tests). */
  public Optional<RiskAssessment> currentOf(long suspectId) {
    return assessments.current(suspectId);
  }

  /**
   * Returns the suspect's current assessment if the caller's scope includes the suspect. The
   * read of the suspect itself is audited by the page that shows it.
   */
  @Transactional(readOnly = true)
  public Optional<RiskAssessment> current(Access access, Suspect suspect) {
    return inScope(access, suspect) ? assessments.current(suspect.id()) : Optional.empty();
  }

  /** Returns every assessment of a suspect in scope, newest first (factors not loaded). */
  public List<RiskAssessment> history(Access access, Suspect suspect) {
    return inScope(access, suspect) ? assessments.history(suspect.id()) : List.of();
  }

  /** Returns the overrides of a suspect in scope, newest first. */
  public List<RiskOverride> overrides(Access access, Suspect suspect) {
    return inScope(access, suspect) ? assessments.overrides(suspect.id()) : List.of();
  }

  /** Returns the analyst's facts about a suspect in scope (nothing known when none saved). */
  public RiskFacts facts(Access access, Suspect suspect) {
    return inScope(access, suspect) ? facts.find(suspect.id()).orElse(RiskFacts.none())
        : RiskFacts.none();
  }

  private static boolean inScope(Access access, Suspect suspect) {
    return access.caller().sees(suspect.unitId());
  }

  /** What became of an override or a facts update. */
  public sealed interface Outcome {
    /** Done; the suspect's assessment as it now stands. */
    record Done(RiskAssessment assessment) implements Outcome {}

    /** Refused, with the message key of the reason. */
    record Refused(String messageKey) implements Outcome {}

    /** No such suspect within the caller's scope (answered as not found). */
    record NotFound() implements Outcome {}
  }

  /**
   * Overrides the computed tier of the suspect's current assessment (or withdraws the override
   * when {@code tier} is null) with a written reason; audited. The queue then uses the new tier,
   * with a deadline counted from now.
   */
  @Transactional
  public Outcome override(Access access, long suspectId, Tier tier, String reason) {
    Optional<Suspect> suspect = suspects.find(access, suspectId).map(f -> f.suspect());
    if (suspect.isEmpty()) {
      return new Outcome.NotFound();
    }
    if (reason == null || reason.strip().length() < MIN_REASON) {
      return new Outcome.Refused("triage.override.reasonRequired");
    }
    RiskAssessment a = assessments.current(suspectId).orElseGet(() -> assess(suspectId));
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    Tier effective = tier == null ? a.computedTier() : tier;
    Instant due = effective == a.computedTier() ? a.dueAt()
        : now.plus(weights.deadline(effective));
    assessments.override(a, tier, reason.strip(), access.caller().username(), now, effective,
        due);
    audit.record(AuditEvent.of(access.caller().username(), access.caller().role().name(),
            AuditAction.UPDATE, "risk-assessment", a.id(), suspect.get().unitId(),
            access.clientAddress())
        .withDetail("suspect " + suspectId + ": computed " + a.computedTier() + ", override "
            + (tier == null ? "withdrawn" : tier) + " (was "
            + (a.overrideTier() == null ? "none" : a.overrideTier()) + ")")
        .withReason(reason.strip()));
    return new Outcome.Done(assessments.current(suspectId).orElseThrow());
  }

  /** Saves the analyst's facts about the suspect, audited, and re-scores it at once. */
  @Transactional
  public Outcome recordFacts(Access access, long suspectId, RiskFacts entered) {
    Optional<Suspect> suspect = suspects.find(access, suspectId).map(f -> f.suspect());
    if (suspect.isEmpty()) {
      return new Outcome.NotFound();
    }
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    if (entered.dateOfBirth() != null && (entered.dateOfBirth().getYear() < 1900
        || entered.dateOfBirth().isAfter(now.atZone(java.time.ZoneOffset.UTC).toLocalDate()))) {
      return new Outcome.Refused("triage.facts.badDateOfBirth");
    }
    save(suspectId, entered, access.caller().username(), access.caller().role().name(),
        suspect.get().unitId(), access.clientAddress(), now);
    return new Outcome.Done(assess(suspectId));
  }

  /**
   * Saves facts entered outside the web pages (the demo, an import of an analyst's sheet) under
   * the actor's name, audited, and re-scores the suspect; returns its assessment.
   */
  @Transactional
  public RiskAssessment recordFacts(String actor, long suspectId, Long unitId, RiskFacts entered) {
    save(suspectId, entered, actor, null, unitId, null,
        clock.instant().truncatedTo(ChronoUnit.MICROS));
    return assess(suspectId);
  }

  private void save(long suspectId, RiskFacts entered, String actor, String role, Long unitId,
      String clientAddress, Instant now) {
    RiskFacts stored = new RiskFacts(entered.worksWithChildren(), entered.childrenInHousehold(),
        entered.volunteersWithChildren(), entered.priorSexualConviction(),
        entered.registryEntry(), entered.otherConvictions(), entered.selfProducedIndicator(),
        entered.dateOfBirth(), entered.note() == null || entered.note().isBlank() ? null
            : entered.note().strip(), actor, now);
    facts.save(suspectId, stored);
    audit.record(AuditEvent.of(actor, role, AuditAction.UPDATE, "suspect-risk-facts", suspectId,
        unitId, clientAddress).withDetail(stored.summary()));
  }

  /** Returns one page of the caller's queue (national or their unit's); the read is audited. */
  @Transactional(readOnly = true)
  public QueuePage queue(Access access, QueueFilter filter, int size) {
    QueuePage page = assessments.queue(access, filter, clock.instant(), size);
    audit.record(AuditEvent.of(access.caller().username(), access.caller().role().name(),
            AuditAction.READ, "triage-queue", access.national() ? "national" : "unit",
            access.national() ? null : access.unitOrNone(), access.clientAddress())
        .withDetail(describe(filter)));
    return page;
  }

  /**
   * Walks the caller's whole queue under the filter, in its order from the first row, handing at
   * most {@code max} rows to {@code each} (fetched a thousand at a time); returns whether the
   * queue went on past {@code max}. The export is on the record, with its filter, before the
   * first row is handed over: an export cut short was still an export.
   */
  public boolean exportQueue(Access access, QueueFilter filter, int max,
      java.util.function.Consumer<QueueRow> each) {
    audit.record(AuditEvent.of(access.caller().username(), access.caller().role().name(),
            AuditAction.EXPORT, "triage-queue", access.national() ? "national" : "unit",
            access.national() ? null : access.unitOrNone(), access.clientAddress())
        .withDetail(describe(filter.after(null))));
    QueueFilter page = filter.after(null);
    int handed = 0;
    while (true) {
      QueuePage rows = assessments.queue(access, page, clock.instant(),
          Math.min(1000, max - handed));
      rows.rows().forEach(each);
      handed += rows.rows().size();
      if (rows.next() == null) {
        return false;
      }
      if (handed >= max) {
        return true;
      }
      page = filter.after(rows.next());
    }
  }

  /** Returns how many suspects of the caller's scope are in each effective tier. */
  public Map<Tier, Long> countByTier(Access access) {
    return assessments.countByTier(access);
  }

  private static String describe(QueueFilter f) {
    return "sort=" + f.sort() + (f.tier() == null ? "" : " tier=" + f.tier())
        + (f.departement() == null ? "" : " departement=" + f.departement())
        + (f.status() == null ? "" : " status=" + f.status())
        + (f.factor() == null ? "" : " factor=" + f.factor().key())
        + (f.deadline() == null ? "" : " deadline=" + f.deadline())
        + (f.after() == null ? "" : " after=" + f.after());
  }
}
