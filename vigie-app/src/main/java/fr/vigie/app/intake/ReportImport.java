package fr.vigie.app.intake;

import fr.vigie.app.audit.AuditAction;
import fr.vigie.app.audit.AuditEvent;
import fr.vigie.app.audit.AuditLog;
import fr.vigie.app.intake.internal.CyberTipRows;
import fr.vigie.app.intake.internal.JdbcCyberTips;
import fr.vigie.app.intake.internal.JdbcCyberTips.StoredVersion;
import fr.vigie.app.jobs.JobQueue;
import fr.vigie.formats.cybertip.CyberTip;
import fr.vigie.formats.cybertip.CyberTipOutcome;
import fr.vigie.formats.cybertip.ReportSource;
import fr.vigie.formats.intake.IntakeFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Imports files of reports (CyberTipline XML or zips of it, Vigie JSON Lines, Vigie CSV) under
 * the source each record names (NCMEC for CyberTipline XML).
 *
 * <p>Each report commits on its own with everything it names, so a run that crashes half-way
 * leaves whole reports only; running it again gives the same end state as one clean run, because
 * a report whose content (SHA-256 of its raw XML) is already stored under its id is left
 * unchanged. New content under a known id is stored as the next version, and the older versions
 * are marked SUPERSEDED. Rejected records go to the quarantine ({@code import_rejects}) and the
 * rest of the file still goes in.
 */
@Service
public class ReportImport {

  /** The source every CyberTipline report comes from. */
  public static final String SOURCE_CODE = ReportSource.NCMEC.code();

  /** The job kind that runs a queued import ({@link #queue}). */
  public static final String JOB_KIND = "import-reports";

  /** Who asked for an import: {@code import_jobs.origin}. */
  public enum Origin { CLI, API, WEB, DEMO }

  private final Reports reports;
  private final JdbcCyberTips store;
  private final TransactionTemplate transaction;
  private final AuditLog audit;
  private final JobQueue queue;
  private final ApplicationEventPublisher events;
  private final Clock clock;

  ReportImport(Reports reports, JdbcCyberTips store, TransactionTemplate transaction,
      AuditLog audit, JobQueue queue, ApplicationEventPublisher events, Clock clock) {
    this.reports = reports;
    this.store = store;
    this.transaction = transaction;
    this.audit = audit;
    this.queue = queue;
    this.events = events;
    this.clock = clock;
  }

  /**
   * Registers an import of a file already saved by the caller (an upload) and hands it to the
   * job queue; returns the {@code import_jobs} id, whose row says QUEUED until a worker runs it.
   * The file must stay where it is until the job is DONE or FAILED.
   *
   * @param inputName the name the user gave the input (e.g. the uploaded file's name)
   */
  public long queue(Path file, String inputName, String actor, Origin origin)
      throws IOException {
    String sha = sha256(file);
    return transaction.execute(s -> {
      long jobId = store.queueJob(inputName, sha, actor, origin.name(), clock.instant());
      queue.enqueue(JOB_KIND, jobId + "\t" + file.toAbsolutePath(), JOB_KIND + ":" + jobId);
      return jobId;
    });
  }

  /**
   * Runs a queued import (see {@link #queue}); run again after a crash, it ends as one clean run
   * would, since reports already stored are found unchanged.
   */
  public ImportSummary runQueued(long importJobId, Path file) throws IOException {
    JdbcCyberTips.QueuedJob job = store.queuedJob(importJobId).orElseThrow(
        () -> new IllegalArgumentException("no import job " + importJobId));
    transaction.executeWithoutResult(s -> store.markRunning(importJobId, clock.instant()));
    return run(file, job.inputName(), importJobId, job.requestedBy(), false, new LongAdder());
  }

  /**
   * Imports one file and returns what it did; with {@code dryRun} reads and classifies every
   * record but writes nothing (no job, no source, no quarantine).
   *
   * @param actor who imports, as the audit log names them (e.g. "cli:alice")
   * @param progress incremented once per record read
   * @throws IOException when the file cannot be read; the job is then FAILED
   */
  public ImportSummary importFile(Path file, String actor, boolean dryRun, LongAdder progress)
      throws IOException {
    String input = file.toString();
    Long jobId = null;
    if (!dryRun) {
      String sha = sha256(file);
      jobId = transaction.execute(s -> store.startJob(input, sha, actor, Origin.CLI.name(),
          clock.instant()));
    }
    return run(file, input, jobId, actor, dryRun, progress);
  }

  private ImportSummary run(Path file, String input, Long jobId, String actor, boolean dryRun,
      LongAdder progress) throws IOException {
    Tally tally = new Tally(input, jobId);
    Map<String, Long> sourceIds = new HashMap<>();
    try (Stream<CyberTipOutcome> outcomes = IntakeFiles.read(file)) {
      Iterator<CyberTipOutcome> it = outcomes.iterator();
      while (it.hasNext()) {
        CyberTipOutcome outcome = it.next();
        tally.read++;
        switch (outcome) {
          case CyberTipOutcome.Accepted a -> accept(a.tip(), a.rawFormat(),
              sourceId(a.source(), sourceIds, dryRun), tally, dryRun);
          case CyberTipOutcome.Rejected r -> reject(tally, r.file(), r.line(), r.column(),
              r.fieldPath(), r.reason(), r.rawXml(), dryRun);
        }
        progress.increment();
      }
    } catch (IOException | RuntimeException e) {
      if (jobId != null) {
        long id = jobId;
        transaction.executeWithoutResult(s -> store.finishJob(id, tally.counts(), "FAILED",
            String.valueOf(e.getMessage()), clock.instant()));
      }
      throw e;
    }
    if (jobId != null) {
      long id = jobId;
      transaction.executeWithoutResult(s -> store.finishJob(id, tally.counts(), "DONE", null,
          clock.instant()));
      audit.record(AuditEvent.of(actor, null, AuditAction.CREATE, "import_job", id, null, null)
          .withDetail(tally.detail()));
      if (tally.created + tally.newVersions > 0) {
        events.publishEvent(new ReportsImported(id, tally.created + tally.newVersions));
      }
    }
    return tally.summary();
  }

  /** The id of the source, registered on first sight; null in a dry run if it is new. */
  private Long sourceId(ReportSource source, Map<String, Long> known, boolean dryRun) {
    return known.computeIfAbsent(source.code(), code -> {
      if (!dryRun) {
        reports.ensureSource(code, source.name(), source.kind(), source.country());
      }
      return store.sourceId(code).orElse(null);
    });
  }

  private void accept(CyberTip tip, String rawFormat, Long sourceId, Tally tally,
      boolean dryRun) {
    byte[] raw = tip.rawXml().getBytes(StandardCharsets.UTF_8);
    String sha = HexFormat.of().formatHex(digest().digest(raw));
    List<StoredVersion> versions = sourceId == null ? List.of()
        : store.versions(sourceId, tip.reportId());
    if (versions.stream().anyMatch(v -> v.contentSha256().equals(sha))) {
      tally.unchanged++;
      return;
    }
    int version = versions.isEmpty() ? 1 : versions.get(0).version() + 1;
    CyberTipRows rows = CyberTipRows.of(tip, clock.instant());
    if (!dryRun) {
      long sid = sourceId;
      try {
        transaction.executeWithoutResult(s -> {
          long id = store.insert(sid, tally.jobId, tip.reportId(), version, sha, rawFormat,
              gzip(raw), rows);
          if (version > 1) {
            store.supersedeAllBut(sid, tip.reportId(), id);
          }
        });
      } catch (DataAccessException e) {
        // A value the schema cannot hold (e.g. longer than its column): quarantined like a
        // format error, so that one record never stops the file.
        reject(tally, tally.input, 0, 0, "cyberTip", "could not be stored: "
            + cut(e.getMostSpecificCause().getMessage()), tip.rawXml(), false);
        return;
      }
    }
    if (version == 1) {
      tally.created++;
    } else {
      tally.newVersions++;
    }
    tally.persons += rows.persons().size();
    tally.identifiers += rows.identifierCount();
    tally.ipEvents += rows.ipEvents().size();
    tally.media += rows.media().size();
    tally.victimHints += rows.victimHints().size();
  }

  private void reject(Tally tally, String file, long line, long column, String field,
      String reason, String rawXml, boolean dryRun) {
    tally.rejected++;
    tally.rejections.add(new ImportSummary.Rejection(file, line, column, field, reason));
    if (!dryRun) {
      byte[] raw = rawXml == null || rawXml.isEmpty() ? null
          : gzip(rawXml.getBytes(StandardCharsets.UTF_8));
      transaction.executeWithoutResult(s -> store.quarantine(tally.jobId, file, line, column,
          field, reason, raw));
    }
  }

  private static String cut(String s) {
    return s == null ? "" : s.length() <= 300 ? s : s.substring(0, 300) + "…";
  }

  /** Returns the gzip compression of {@code bytes}. */
  static byte[] gzip(byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 3 + 32);
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static String sha256(Path file) throws IOException {
    MessageDigest md = digest();
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buffer = new byte[1 << 16];
      int n;
      while ((n = in.read(buffer)) > 0) {
        md.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }

  private static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
  }

  /** Running counts of one input. */
  private static final class Tally {
    final String input;
    final Long jobId;
    long read;
    long created;
    long newVersions;
    long unchanged;
    long rejected;
    long persons;
    long identifiers;
    long ipEvents;
    long media;
    long victimHints;
    final List<ImportSummary.Rejection> rejections = new ArrayList<>();

    Tally(String input, Long jobId) {
      this.input = input;
      this.jobId = jobId;
    }

    JdbcCyberTips.JobCounts counts() {
      return new JdbcCyberTips.JobCounts(read, created, newVersions, unchanged, rejected);
    }

    String detail() {
      String d = "reports from " + input + ": " + created + " new, " + newVersions
          + " new versions, " + unchanged + " unchanged, " + rejected + " rejected";
      return d.length() <= 1000 ? d : d.substring(d.length() - 1000);
    }

    ImportSummary summary() {
      return new ImportSummary(input, jobId, read, created, newVersions, unchanged, rejected,
          persons, identifiers, ipEvents, media, victimHints, rejections);
    }
  }
}
