package fr.vigie.app.attribution;

import fr.vigie.app.attribution.internal.AnswerCsv;
import fr.vigie.app.attribution.internal.JdbcAttributions;
import fr.vigie.app.attribution.internal.JdbcRequisitions;
import fr.vigie.app.attribution.internal.RequisitionDocuments;
import fr.vigie.app.audit.AuditAction;
import fr.vigie.app.audit.AuditEvent;
import fr.vigie.app.audit.AuditLog;
import fr.vigie.app.audit.AuditedReads;
import fr.vigie.app.intake.Reports;
import fr.vigie.app.security.Access;
import fr.vigie.app.units.Unit;
import fr.vigie.app.units.UnitDirectory;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Requisitions to operators: batching one operator's pending FRANCE events, the documents
 * (PDF to sign, CSV for the portal), the status (drafted → sent → answered, overdue after the
 * operator's delay, or cancelled), and the import of the operator's answer into subscribers with
 * the unit responsible for where they live. Reads go through the caller's unit scope and are
 * audited; every change and export is on the audit record.
 */
@Service
public class Requisitions {

  /** Lines per requisition: operators' portals cap their batches; the rest waits for the next. */
  public static final int MAX_ITEMS = 500;

  private final JdbcRequisitions store;
  private final Reports reports;
  private final JdbcAttributions attributions;
  private final Operators operators;
  private final UnitDirectory units;
  private final AuditLog audit;
  private final AuditedReads reads;
  private final Clock clock;

  private final ApplicationEventPublisher events;

  Requisitions(JdbcRequisitions store, JdbcAttributions attributions, Operators operators,
      UnitDirectory units, AuditLog audit, AuditedReads reads,
      ApplicationEventPublisher events, Clock clock, Reports reports) {
    this.reports = reports;
    this.events = events;
    this.store = store;
    this.attributions = attributions;
    this.operators = operators;
    this.units = units;
    this.audit = audit;
    this.reads = reads;
    this.clock = clock;
  }

  /**
   * Batches the operator's pending events (oldest first, at most {@link #MAX_ITEMS}) into a new
   * requisition in the caller's unit.
   */
  @Transactional
  public DraftOutcome draft(RequisitionRequest request, Access access) {
    List<String> errors = new ArrayList<>();
    Optional<Operator> operator = request.operatorCode() == null ? Optional.empty()
        : operators.find(request.operatorCode().strip());
    if (operator.isEmpty()) {
      errors.add("requisitions.error.operator");
    }
    ProcedureType type = null;
    try {
      type = ProcedureType.valueOf(nz(request.procedureType()).toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      errors.add("requisitions.error.procedureType");
    }
    String procedureRef = nz(request.procedureRef());
    if (procedureRef.isEmpty() || procedureRef.length() > 100) {
      errors.add("requisitions.error.procedureRef");
    }
    String officer = nz(request.requestingOfficer());
    if (officer.isEmpty() || officer.length() > 200) {
      errors.add("requisitions.error.officer");
    }
    if (!errors.isEmpty()) {
      return new DraftOutcome.Refused(errors);
    }
    List<Long> pending = attributions.pendingEventIds(operator.get().id(), MAX_ITEMS);
    if (pending.isEmpty()) {
      return new DraftOutcome.Refused(List.of("requisitions.error.nothingPending"));
    }
    Instant now = clock.instant();
    Requisition.Ref ref = store.insert(operator.get().id(), access.caller().unitId(), type,
        procedureRef, officer, access.caller().username(), now, attributions.byIds(pending));
    audit.record(AuditEvent.of(access.caller().username(), access.caller().role().name(),
            AuditAction.CREATE, "requisition", ref.id(), access.caller().unitId(),
            access.clientAddress())
        .withDetail(ref.reference() + " to " + operator.get().code() + ", " + pending.size()
            + " events, " + type.legalBasis() + ", procedure " + procedureRef));
    return new DraftOutcome.Drafted(ref.id(), ref.reference(), pending.size());
  }

  /**
   * The events among these whose subscriber an operator identified, each with the subscriber's
   * département ("" when unknown): what the P2P funnel counts as identified.
   */
  public java.util.Map<Long, String> identified(java.util.Collection<Long> ipEventIds) {
    return store.identifiedDepartements(ipEventIds);
  }

  /** The caller's requisitions, overdue first; status and operator filters may be null. */
  @Transactional(readOnly = true)
  public List<Requisition> list(Access access, String status, String operatorCode) {
    List<Requisition> list = store.list(access, blankToNull(status), blankToNull(operatorCode),
        clock.instant(), 500);
    audit.recordRead(access, "requisition-list", nz(status) + "/" + nz(operatorCode), null);
    return list;
  }

  /**
   * Hands the caller's requisitions under the filters (null: none) to {@code each}, in the
   * list's order (overdue first), at most {@code max}, streamed; returns whether there were
   * more. The export is on the record, with its filters, before the first is handed over.
   */
  @Transactional(readOnly = true)
  public boolean export(Access access, String status, String operatorCode, int max,
      java.util.function.Consumer<Requisition> each) {
    audit.record(AuditEvent.of(access.caller().username(), access.caller().role().name(),
        AuditAction.EXPORT, "requisition-list", nz(status) + "/" + nz(operatorCode),
        access.national() ? null : access.unitOrNone(), access.clientAddress()));
    int[] handed = {0};
    int seen = store.forEach(access, blankToNull(status), blankToNull(operatorCode),
        clock.instant(), max + 1, r -> {
          if (handed[0] < max) {
            handed[0]++;
            each.accept(r);
          }
        });
    return seen > max;
  }

  /** One requisition if in the caller's scope (the read, or the refusal, is audited). */
  @Transactional(readOnly = true)
  public Optional<Requisition> find(Access access, long id) {
    Instant now = clock.instant();
    return reads.find(access, "requisition", id, i -> store.findVisible(access, i, now),
        i -> store.findAny(i, now), Requisition::unitId);
  }

  public List<RequisitionItem> items(long requisitionId) {
    return store.items(requisitionId);
  }

  /** Marks a drafted requisition sent; it is due after the operator's answer delay. */
  @Transactional
  public boolean markSent(Access access, long id) {
    Instant now = clock.instant();
    Optional<Requisition> r = store.findVisible(access, id, now);
    if (r.isEmpty() || !"DRAFTED".equals(r.get().status())) {
      return false;
    }
    int delay = operators.find(r.get().operatorCode()).map(Operator::answerDelayDays).orElse(15);
    Instant due = now.plus(Duration.ofDays(delay));
    store.markSent(id, now, due);
    audit.record(change(access, r.get(), "sent " + r.get().reference() + ", due "
        + RequisitionTimes.utc(due)));
    return true;
  }

  /** Cancels a drafted or sent requisition: its events become pending again. */
  @Transactional
  public boolean cancel(Access access, long id) {
    Optional<Requisition> r = store.findVisible(access, id, clock.instant());
    if (r.isEmpty() || !(r.get().status().equals("DRAFTED") || r.get().status().equals("SENT"))) {
      return false;
    }
    store.cancel(id);
    audit.record(change(access, r.get(), "cancelled " + r.get().reference()));
    return true;
  }

  /** The PDF to sign, or empty when outside the caller's scope; the export is audited. */
  @Transactional(readOnly = true)
  public Optional<byte[]> pdf(Access access, long id) {
    return find(access, id).map(r -> {
      exported(access, r, "pdf");
      return RequisitionDocuments.pdf(r, store.items(id));
    });
  }

  /** The CSV for the operator's portal, or empty when outside the caller's scope; audited. */
  @Transactional(readOnly = true)
  public Optional<String> csv(Access access, long id) {
    return find(access, id).map(r -> {
      exported(access, r, "csv");
      return RequisitionDocuments.csv(r, store.items(id));
    });
  }

  /**
   * Imports an operator's answer file. Each good line becomes the subscriber of its requisition
   * line, with the département of the postal code and the unit responsible for it; each bad line
   * is kept in the quarantine with its line, column and reason, and the rest goes in. A
   * requisition all of whose lines are answered becomes ANSWERED.
   *
   * @param origin CLI or WEB
   * @param scope the web caller, whose unit scope applies (a line for another unit's
   *     requisition is refused as unknown); null from the command line (the operating system
   *     user runs the installation)
   */
  @Transactional
  public AnswerImportSummary importAnswer(InputStream input, String fileName, String origin,
      String actor, String actorRole, String clientAddress, Access scope) throws IOException {
    byte[] bytes = input.readAllBytes();
    String sha256 = sha256(bytes);
    Instant now = clock.instant();
    long jobId = store.startAnswerJob(origin, fileName, sha256, actor, now);
    List<AnswerImportSummary.AnswerReject> rejects = new ArrayList<>();
    Map<String, Optional<Requisition>> requisitions = new HashMap<>();
    Map<Long, Long> answerIds = new HashMap<>();
    Map<Long, long[]> countsByAnswer = new HashMap<>();
    Set<String> touched = new LinkedHashSet<>();
    Map<String, Optional<Unit>> unitByDepartement = new HashMap<>();
    long[] tally = new long[3]; // accepted, identified, unknown
    long read = AnswerCsv.read(new InputStreamReader(new java.io.ByteArrayInputStream(bytes),
        StandardCharsets.UTF_8), line -> {
          if (line instanceof AnswerCsv.Line.Bad bad) {
            rejects.add(new AnswerImportSummary.AnswerReject(bad.line(), bad.column(),
                bad.field(), bad.reason()));
            store.reject(jobId, fileName, bad.line(), bad.column(), bad.field(), bad.reason(),
                bad.raw());
            return;
          }
          AnswerCsv.Line.Answer a = (AnswerCsv.Line.Answer) line;
          Optional<Requisition> requisition = requisitions.computeIfAbsent(a.requisition(),
              ref -> store.findByReference(ref, now)
                  .filter(q -> scope == null || scope.caller().sees(q.unitId())));
          String refusal = null;
          Long itemId = null;
          if (requisition.isEmpty()) {
            refusal = "unknown requisition " + AnswerCsv.quote(a.requisition());
          } else if (!List.of("SENT", "ANSWERED").contains(requisition.get().status())) {
            refusal = "requisition " + a.requisition() + " is "
                + requisition.get().status().toLowerCase(Locale.ROOT) + ", not sent";
          } else {
            itemId = store.itemFor(requisition.get().id(), a.ip(), a.port(), a.at()).orElse(null);
            if (itemId == null) {
              AnswerImportSummary.AnswerReject r = new AnswerImportSummary.AnswerReject(
                  a.line(), 4, "utc_time", "requisition " + a.requisition() + " has no line for "
                  + a.ip() + (a.port() == null ? "" : " port " + a.port()) + " at "
                  + RequisitionTimes.utc(a.at()));
              rejects.add(r);
              store.reject(jobId, fileName, r.line(), r.column(), r.field(), r.reason(), a.raw());
              return;
            }
          }
          if (refusal != null) {
            rejects.add(new AnswerImportSummary.AnswerReject(a.line(), 1, "requisition",
                refusal));
            store.reject(jobId, fileName, a.line(), 1, "requisition", refusal, a.raw());
            return;
          }
          Requisition q = requisition.get();
          long answerId = answerIds.computeIfAbsent(q.id(),
              id -> store.insertAnswer(id, jobId, now, fileName, sha256, actor));
          Long unitId = null;
          if (a.departement() != null) {
            unitId = unitByDepartement.computeIfAbsent(a.departement(), units::responsibleFor)
                .map(Unit::id).orElse(null);
          }
          store.replaceSubscriber(answerId, itemId, a.identified() ? "IDENTIFIED" : "UNKNOWN",
              a.identity(), a.address(), a.postalCode(), a.city(),
              unitId == null ? null : a.departement(), a.contractType(), unitId, a.line());
          if (a.identified() && unitId != null) {
            // The subscriber's département is where the report belongs from now on.
            reports.placeByIpEvent(store.ipEventOfItem(itemId), a.departement());
          }
          countsByAnswer.computeIfAbsent(answerId, k -> new long[1])[0]++;
          touched.add(q.reference());
          tally[0]++;
          tally[a.identified() ? 1 : 2]++;
        });
    countsByAnswer.forEach((answerId, n) -> store.setAnswerCounts(answerId, n[0],
        rejects.size()));
    answerIds.values().forEach(answerId -> events.publishEvent(new OperatorAnswered(answerId)));
    for (String reference : touched) {
      Requisition q = store.findByReference(reference, now).orElseThrow();
      if (q.answeredItems() == q.items() && !"ANSWERED".equals(q.status())) {
        store.markAnswered(q.id(), now);
      }
    }
    store.finishAnswerJob(jobId, read, tally[0], rejects.size(), now);
    audit.record(new AuditEvent(actor, actorRole, AuditAction.CREATE, "requisition-answer",
        Long.toString(jobId), null, clientAddress, rejects.isEmpty() ? "SUCCESS" : "FAILURE",
        fileName + " (sha256 " + sha256 + "): " + tally[0] + " lines in, " + rejects.size()
            + " rejected; requisitions " + touched, null));
    return new AnswerImportSummary(jobId, fileName, read, tally[0], List.copyOf(rejects),
        List.copyOf(touched), tally[1], tally[2]);
  }

  private void exported(Access access, Requisition r, String format) {
    audit.record(AuditEvent.of(access.caller().username(), access.caller().role().name(),
            AuditAction.EXPORT, "requisition", r.id(), r.unitId(), access.clientAddress())
        .withDetail(r.reference() + " as " + format));
  }

  private static AuditEvent change(Access access, Requisition r, String detail) {
    return AuditEvent.of(access.caller().username(), access.caller().role().name(),
        AuditAction.UPDATE, "requisition", r.id(), r.unitId(), access.clientAddress())
        .withDetail(detail);
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String nz(String s) {
    return s == null ? "" : s.strip();
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
