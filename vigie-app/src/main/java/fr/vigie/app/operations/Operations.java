package fr.vigie.app.operations;

import fr.vigie.app.audit.AuditAction;
import fr.vigie.app.audit.AuditActor;
import fr.vigie.app.audit.AuditLog;
import fr.vigie.app.audit.AuditedReads;
import fr.vigie.app.cases.CaseStatus;
import fr.vigie.app.cases.Cases;
import fr.vigie.app.cases.Transition;
import fr.vigie.app.operations.internal.BriefingPdf;
import fr.vigie.app.operations.internal.JdbcOperations;
import fr.vigie.app.security.Access;
import fr.vigie.app.units.Unit;
import fr.vigie.app.units.UnitDirectory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Coordinated operations and their targets. Each unit sees the targets it carries out; the
 * national roles see every target. Another unit's target is answered as missing, and recorded.
 *
 * <p>Planning: an operation is created with its reference, title, day, hour H and lead unit;
 * cases ready for action ("prêt pour action") are proposed by tier, département, unit and age of
 * the evidence, and each one added becomes a target (its first suspect, its unit, at the day and
 * hour H) and moves to "en opération" — unless its newest evidence is older than
 * {@code vigie.operations.max-evidence-age} (365 days by default) or no subscriber was
 * identified, which refuses it with the reason. Every write and every refusal is audited.
 */
@Service
public class Operations {

  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

  private final JdbcOperations operations;
  private final AuditLog audit;
  private final AuditedReads reads;
  private final Cases cases;
  private final UnitDirectory units;
  private final Clock clock;
  private final Duration maxEvidenceAge;

  Operations(JdbcOperations operations, AuditLog audit, AuditedReads reads, Cases cases,
      UnitDirectory units, Clock clock,
      @Value("${vigie.operations.max-evidence-age:365d}") Duration maxEvidenceAge) {
    this.operations = operations;
    this.audit = audit;
    this.reads = reads;
    this.cases = cases;
    this.units = units;
    this.clock = clock;
    this.maxEvidenceAge = maxEvidenceAge;
  }

  @Transactional(readOnly = true)
  public List<Target> targetsVisible(Access access) {
    List<Target> targets = operations.findVisibleTargets(access);
    audit.recordRead(access, "target-list", "all", null);
    return targets;
  }

  @Transactional(readOnly = true)
  public Optional<Target> findTarget(Access access, long id) {
    return reads.find(access, "target", id, i -> operations.findVisibleTarget(access, i),
        operations::findAnyTargetForAudit, Target::unitId);
  }

  /** Plans an operation with its targets and returns its id. */
  @Transactional
  public long plan(OperationDraft draft) {
    return operations.insert(draft);
  }

  /** How old the newest evidence of a target may be. */
  public Duration maxEvidenceAge() {
    return maxEvidenceAge;
  }

  /** Every operation (its existence is not a secret; its targets are scoped). */
  @Transactional(readOnly = true)
  public List<Operation> all() {
    return operations.operations();
  }

  @Transactional(readOnly = true)
  public Optional<Operation> find(Access access, long id) {
    Optional<Operation> found = operations.operation(id);
    found.ifPresent(o -> audit.recordRead(access, "operation", id, null));
    return found;
  }

  /** Creates an operation from the form, or says everything wrong with it. Audited. */
  @Transactional
  public OperationCreation create(Access access, OperationForm form) {
    List<String> errors = new ArrayList<>();
    String reference = strip(form.reference());
    String title = strip(form.title());
    if (reference == null || !reference.matches("[A-Za-z0-9][A-Za-z0-9._-]{1,39}")) {
      errors.add("operations.error.reference");
    } else if (operations.referenceTaken(reference)) {
      errors.add("operations.error.referenceTaken");
    }
    if (title == null || title.length() > 200) {
      errors.add("operations.error.title");
    }
    LocalDate day = null;
    try {
      day = form.day() == null || form.day().isBlank() ? null : LocalDate.parse(form.day().strip());
    } catch (DateTimeParseException e) {
      day = null;
    }
    if (day == null) {
      errors.add("operations.error.day");
    }
    LocalTime hour = null;
    try {
      hour = form.hour() == null || form.hour().isBlank() ? null
          : LocalTime.parse(form.hour().strip());
    } catch (DateTimeParseException e) {
      hour = null;
    }
    if (hour == null) {
      errors.add("operations.error.hour");
    }
    String lead = strip(form.leadUnitCode());
    Optional<Unit> unit = lead == null ? Optional.empty() : units.unit(lead);
    if (unit.isEmpty()) {
      errors.add("operations.error.unit");
    }
    if (!errors.isEmpty()) {
      audit.record(AuditActor.of(access).event(AuditAction.CREATE, "operation", reference, null)
          .withOutcome("FAILURE").withDetail("refused: " + errors));
      return new OperationCreation.Invalid(errors);
    }
    long id = operations.create(reference, title, unit.get().code(), day, hour,
        access.caller().username());
    audit.record(AuditActor.of(access).event(AuditAction.CREATE, "operation", id,
            unit.get().id())
        .withDetail(reference + " \"" + title + "\" on " + day + " at " + hour + " (Paris), lead "
            + unit.get().code()));
    return new OperationCreation.Created(id);
  }

  /** The ready cases the filter keeps, by their unit, each unit with its load in the operation. */
  @Transactional(readOnly = true)
  public List<UnitLoad> candidatesByUnit(Access access, long operationId, CandidateFilter filter) {
    List<Candidate> candidates = operations.candidates(filter, clock.instant());
    Map<String, Long> load = operations.loadByUnit(operationId);
    Map<String, List<Candidate>> byUnit = new LinkedHashMap<>();
    for (Candidate c : candidates) {
      byUnit.computeIfAbsent(c.unitCode() == null ? "" : c.unitCode(), k -> new ArrayList<>())
          .add(c);
    }
    for (String unit : load.keySet()) {
      byUnit.computeIfAbsent(unit, k -> new ArrayList<>());
    }
    Map<String, String> names = new LinkedHashMap<>();
    units.units().forEach(u -> names.put(u.code(), u.name()));
    audit.recordRead(access, "operation-candidates", operationId, null);
    return byUnit.entrySet().stream()
        .map(e -> new UnitLoad(e.getKey(), names.getOrDefault(e.getKey(), ""),
            load.getOrDefault(e.getKey(), 0L), e.getValue()))
        .sorted(java.util.Comparator.comparing(UnitLoad::unitCode))
        .toList();
  }

  /** The operation's targets the caller may see: their unit's, or all for national roles. */
  @Transactional(readOnly = true)
  public List<Target> targetsOf(Access access, long operationId) {
    List<Target> targets = operations.targetsOf(access, operationId);
    audit.recordRead(access, "target-list", "operation-" + operationId, null);
    return targets;
  }

  /**
   * Adds each case as a target, in order, each on its own: the ones refused are said why and
   * recorded, the others become targets and their case moves to "en opération".
   */
  @Transactional
  public List<TargetAddition> addTargets(Access access, long operationId, List<Long> caseIds) {
    Operation operation = operations.operation(operationId).orElseThrow();
    List<TargetAddition> results = new ArrayList<>();
    for (long caseId : caseIds) {
      results.add(add(access, operation, caseId));
    }
    return results;
  }

  private TargetAddition add(Access access, Operation operation, long caseId) {
    Optional<JdbcOperations.CaseFacts> facts = operations.caseFacts(caseId);
    if (facts.isEmpty()) {
      return refuse(access, operation, caseId, "#" + caseId, null,
          "operations.refused.noCase", null, "no such case or no suspect");
    }
    Candidate c = facts.get().candidate();
    String age = Long.toString(maxEvidenceAge.toDays());
    if (!CaseStatus.READY_FOR_ACTION.name().equals(facts.get().status())) {
      return refuse(access, operation, caseId, c.caseReference(), c.unitId(),
          "operations.refused.notReady", null, "case is " + facts.get().status());
    }
    if (!c.subscriberIdentified()) {
      return refuse(access, operation, caseId, c.caseReference(), c.unitId(),
          "operations.refused.noSubscriber", null, "no identified subscriber");
    }
    Instant now = clock.instant();
    if (c.newestEvidence() == null || c.newestEvidence().isBefore(now.minus(maxEvidenceAge))) {
      return refuse(access, operation, caseId, c.caseReference(), c.unitId(),
          "operations.refused.evidenceTooOld", age,
          "newest evidence " + c.newestEvidence() + " older than " + age + " days");
    }
    if (c.unitId() == null) {
      return refuse(access, operation, caseId, c.caseReference(), null,
          "operations.refused.noUnit", null, "case has no responsible unit");
    }
    Optional<Transition> moved = cases.move(access, caseId, CaseStatus.IN_OPERATION, null,
        "target of operation " + operation.reference());
    if (moved.isEmpty() || moved.get() instanceof Transition.Refused) {
      return refuse(access, operation, caseId, c.caseReference(), c.unitId(),
          "operations.refused.notReady", null, "the case did not move: " + moved);
    }
    Instant at = operation.day().atTime(operation.hour() == null ? LocalTime.of(6, 0)
        : operation.hour()).atZone(PARIS).toInstant();
    long target = operations.addTarget(operation.id(), c, at);
    audit.record(AuditActor.of(access).event(AuditAction.CREATE, "target", target, c.unitId())
        .withDetail("operation " + operation.reference() + ": case " + c.caseReference()
            + ", suspect " + c.suspectReference() + ", unit " + c.unitCode()));
    return new TargetAddition.Added(c.caseReference(), target);
  }

  /**
   * One unit's briefing pack: its own unit for an investigator (whatever is asked), the unit
   * asked for a national role; empty when the operation or the unit does not exist. The export
   * is audited with the manifest's hash.
   */
  @Transactional
  public Optional<BriefingPack> briefing(Access access, long operationId, String unitCode) {
    Optional<Operation> found = operations.operation(operationId);
    Optional<Unit> unit = access.national()
        ? (unitCode == null ? Optional.empty() : units.unit(unitCode.strip()))
        : units.units().stream().filter(u -> u.id() == access.unitOrNone()).findFirst();
    if (found.isEmpty() || unit.isEmpty()) {
      return Optional.empty();
    }
    Operation op = found.get();
    List<JdbcOperations.BriefingTarget> targets = operations.briefing(op.id(), unit.get().id());
    List<BriefingPdf.Block> blocks = new ArrayList<>();
    blocks.add(new BriefingPdf.Block("Opération", List.of(
        "Référence : " + op.reference(), "Intitulé : " + op.title(),
        "Jour et heure H : " + op.day() + " " + (op.hour() == null ? "—" : op.hour()),
        "Unité pilote : " + op.leadUnitCode(),
        "Unité destinataire : " + unit.get().code() + " — " + unit.get().name(),
        "Objectifs de l’unité : " + targets.size())));
    java.time.format.DateTimeFormatter paris = java.time.format.DateTimeFormatter
        .ofPattern("yyyy-MM-dd HH:mm").withZone(PARIS);
    for (JdbcOperations.BriefingTarget t : targets) {
      List<String> lines = new ArrayList<>();
      lines.add("Suspect : " + t.suspectReference() + (t.suspectName() == null ? ""
          : " — " + t.suspectName()));
      lines.add("Dossier : " + (t.caseReference() == null ? "—" : t.caseReference()));
      lines.add("Heure prévue : " + (t.plannedAt() == null ? "—" : paris.format(t.plannedAt())));
      lines.add("Identités et adresses :");
      t.identities().forEach(x -> lines.add("  " + x));
      lines.add("Facteurs de risque (enfants d’abord) :");
      t.risks().forEach(x -> lines.add("  " + x));
      lines.add("Preuves :");
      t.evidence().forEach(x -> lines.add("  " + x));
      lines.add("Base légale :");
      t.legalBases().forEach(x -> lines.add("  " + x));
      blocks.add(new BriefingPdf.Block("Objectif " + t.suspectReference(), lines));
    }
    String title = "Dossier d’objectifs " + op.reference() + " — " + unit.get().code();
    String manifest = BriefingPdf.manifest(title, blocks);
    String manifestSha = BriefingPdf.sha256(manifest.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    String day = op.day() == null ? "19700101"
        : op.day().format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE);
    byte[] pdf = BriefingPdf.render(title, blocks, manifestSha, day);
    BriefingPack pack = new BriefingPack("objectifs-" + op.reference() + "-" + unit.get().code()
        + ".pdf", pdf, manifestSha, BriefingPdf.sha256(pdf), targets.size());
    audit.record(AuditActor.of(access).event(AuditAction.EXPORT, "operation-briefing",
            op.id(), unit.get().id())
        .withDetail("briefing pack " + op.reference() + " for " + unit.get().code() + ": "
            + targets.size() + " target(s), manifest SHA-256 " + manifestSha));
    return Optional.of(pack);
  }

  private TargetAddition refuse(Access access, Operation operation, long caseId,
      String reference, Long unitId, String reason, String argument, String detail) {
    audit.record(AuditActor.of(access).event(AuditAction.CREATE, "target", "case-" + caseId,
            unitId).withOutcome("FAILURE")
        .withDetail("operation " + operation.reference() + ": refused " + reference + ": "
            + detail));
    return new TargetAddition.Refused(reference, reason, argument);
  }

  private static String strip(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
