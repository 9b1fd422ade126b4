package fr.vigie.app.intake.internal;

import fr.vigie.app.audit.AuditAction;
import fr.vigie.app.audit.AuditActor;
import fr.vigie.app.audit.AuditEvent;
import fr.vigie.app.audit.AuditLog;
import fr.vigie.app.intake.ReportImport;
import fr.vigie.app.security.Access;
import fr.vigie.formats.cybertip.ReportSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What an analyst does with a quarantined record: read it (on the record), correct and re-import
 * it (as a new queued import of origin WEB), or discard it with a reason.
 */
@Service
class Quarantine {

  /** What became of a resolution attempt. */
  sealed interface Outcome {
    record Reimported(long importJobId) implements Outcome {}

    record Discarded() implements Outcome {}

    /** Someone resolved it first, or it does not exist. */
    record NotQuarantined() implements Outcome {}
  }

  private final IntakeViews views;
  private final Spool spool;
  private final ReportImport importer;
  private final AuditLog audit;
  private final Clock clock;
  private final TransactionTemplate transaction;

  Quarantine(IntakeViews views, Spool spool, ReportImport importer, AuditLog audit,
      Clock clock, TransactionTemplate transaction) {
    this.transaction = transaction;
    this.views = views;
    this.spool = spool;
    this.importer = importer;
    this.audit = audit;
    this.clock = clock;
  }

  /** The rejected record with its raw text, the read on the record. */
  Optional<IntakeViews.RejectRow> read(Access access, long id) {
    Optional<IntakeViews.RejectRow> row = views.rejectRow(id);
    if (row.isPresent()) {
      audit.recordRead(access, "import_reject", id, null);
    } else {
      audit.recordRefusedRead(access, "import_reject", id, false, null);
    }
    return row;
  }

  /**
   * Writes the corrected record to the spool with the extension of its format and queues it,
   * with the source its job named for documents that do not say theirs; the reject is marked
   * REIMPORTED only if it still was QUARANTINED.
   */
  Outcome reimport(Access access, long id, String corrected) {
    Optional<IntakeViews.RejectRow> row = views.rejectRow(id);
    return reimport(access, id, corrected, row.flatMap(r -> importer.bareReportSourceOf(
        r.jobId())).orElse(null));
  }

  /**
   * As {@link #reimport(Access, long, String)}, the corrected record's {@code <report>}
   * documents filed under {@code bareReportSource} (null: none named).
   */
  Outcome reimport(Access access, long id, String corrected, ReportSource bareReportSource) {
    Optional<IntakeViews.RejectRow> row = views.rejectRow(id);
    if (row.isEmpty() || !row.get().status().equals("QUARANTINED")) {
      return new Outcome.NotQuarantined();
    }
    Spool.Format format = formatOf(corrected, row.get().inputName());
    String actor = access.caller().username();
    try {
      Path file = spool.write(corrected, format);
      Long jobId;
      try {
        // One transaction: the reject is REIMPORTED if and only if its correction is queued.
        jobId = transaction.execute(status -> {
          if (!views.resolveReject(id, "REIMPORTED", actor, clock.instant())) {
            return null;
          }
          try {
            return importer.queue(file, "correction of reject " + id + " ("
                + row.get().inputName() + ")", AuditActor.of(access), ReportImport.Origin.WEB,
                bareReportSource);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
      } catch (RuntimeException e) {
        Files.deleteIfExists(file);
        throw e;
      }
      if (jobId == null) {
        Files.deleteIfExists(file);
        return new Outcome.NotQuarantined();
      }
      audit.record(AuditEvent.of(actor, access.caller().role().name(), AuditAction.UPDATE,
              "import_reject", id, null, access.clientAddress())
          .withDetail("corrected and re-imported as import job " + jobId));
      return new Outcome.Reimported(jobId);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Outcome discard(Access access, long id, String reason) {
    if (!views.resolveReject(id, "DISCARDED", access.caller().username(), clock.instant())) {
      return new Outcome.NotQuarantined();
    }
    audit.record(AuditEvent.of(access.caller().username(), access.caller().role().name(),
            AuditAction.UPDATE, "import_reject", id, null, access.clientAddress())
        .withDetail("discarded").withReason(reason.strip()));
    return new Outcome.Discarded();
  }

  /**
   * The format of a corrected record: XML when it starts with {@code <}, JSON Lines with
   * {@code {}, else by the original input's extension (CSV by default).
   */
  static Spool.Format formatOf(String raw, String inputName) {
    String t = raw.stripLeading();
    if (t.startsWith("\uFEFF")) {
      t = t.substring(1);
    }
    if (t.startsWith("<")) {
      return Spool.Format.XML;
    }
    if (t.startsWith("{")) {
      return Spool.Format.JSONL;
    }
    return Spool.Format.ofFileName(inputName).filter(f -> f != Spool.Format.ZIP)
        .orElse(Spool.Format.CSV);
  }
}
