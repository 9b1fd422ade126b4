package fr.vigie.app.intake;

import fr.vigie.app.audit.AuditAction;
import fr.vigie.app.audit.AuditActor;
import fr.vigie.app.audit.AuditEvent;
import fr.vigie.app.audit.AuditLog;
import fr.vigie.app.intake.internal.CanonicalXml;
import fr.vigie.app.intake.internal.CyberTipRows;
import fr.vigie.app.intake.internal.JdbcSources;
import fr.vigie.app.intake.internal.JdbcCyberTips.StoredVersion;
import fr.vigie.app.intake.internal.JdbcCyberTips;
import fr.vigie.app.jobs.JobKind;
import fr.vigie.app.intake.internal.JdbcRefusals;
import fr.vigie.app.intake.internal.Refusals;
import fr.vigie.app.intake.internal.RefusedInputs;
import fr.vigie.app.jobs.JobQueue;
import fr.vigie.app.web.VisibleText;
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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Imports files of reports (CyberTipline XML or zips of it, Vigie JSON Lines, Vigie CSV) under
 * the source each record names (NCMEC for CyberTipline XML), or, for a provider's bare
 * {@code <report>} document, which names none, the source the importer names.
 *
 * <p>One thread reads (parses, hashes, compresses, maps to rows) and hands records through a
 * bounded queue to the calling thread, which writes them a batch at a time
 * ({@code vigie.intake.batch-size}; by default 1,000 reports): one look-up of the stored versions per batch,
 * each table's rows at once, one transaction. A report always commits whole with everything it
 * names, so a run that crashes half-way leaves whole reports only (whole batches, in fact);
 * running it again gives the same end state as one clean run, because a report whose content
 * (SHA-256 of its raw XML; of its canonical form for a derived id) is already stored under its
 * (source, id) is left unchanged. New
 * content under a known id is stored as the next version, and the older versions are marked
 * SUPERSEDED; an id met twice in one batch is handled as if met in two. Rejected records go to
 * the quarantine ({@code import_rejects}) and the rest of the file still goes in; when the
 * database refuses a batch (a value too long for its column, or the same report being stored by
 * another import at the same moment), the batch is written again record by record, the refused
 * record quarantined, the concurrent one found stored and left unchanged.
 *
 * <p>Each batch also refreshes the job's {@code heartbeat_at} and counts; a job left RUNNING by
 * a process that died is marked FAILED as interrupted by the next import
 * ({@link #failInterruptedJobs}).
 *
 * <p>The audit log follows the import as it goes, not only at its end, so that an import killed
 * half-way still says what went in: an entry as it starts (which input, its SHA-256 and format,
 * the source it names, the origin, who and where from), one in each batch's own transaction
 * (what that batch and the import so far committed, and the sources), and one at the end (done
 * or failed). Every entry carries the requester's role and address: for a queued import they
 * are kept on the job ({@code requested_role}, {@code requested_from}) and used by the worker
 * that runs it; a command-line import is role CLI from its host.
 */
@Service
public class ReportImport {

  /** The source every CyberTipline report comes from. */
  public static final String SOURCE_CODE = ReportSource.NCMEC.code();

  /** The job kind that runs a queued import ({@link #queue}). */
  public static final JobKind<QueuedImport> JOB_KIND =
      new JobKind<>("import-reports", QueuedImport.class);

  /** Who asked for an import: {@code import_jobs.origin}. */
  public enum Origin { CLI, API, WEB, DEMO }

  private final Reports reports;
  private final JdbcCyberTips store;
  private final JdbcSources sources;
  private final ReportSources reportSources;
  private final JdbcRefusals refusals;
  private final TransactionTemplate transaction;
  private final AuditLog audit;
  private final JobQueue queue;
  private final ApplicationEventPublisher events;
  private final Clock clock;
  private final int batchSize;
  private final Duration staleAfter;

  /** Records between the reader and the writer: a few batches, a few MB. */
  private static final int QUEUE_CAPACITY = 1024;
  /** How often a job waiting for input still says it is alive. */
  private static final long HEARTBEAT_NANOS = TimeUnit.SECONDS.toNanos(30);
  /** Tries of a record that meets the same report being stored by another import. */
  private static final int CONCURRENT_RETRIES = 10;
  private static final HexFormat HEX = HexFormat.of();
  private static final Logger LOG = LoggerFactory.getLogger(ReportImport.class);
  private static final String HOST = hostName();
  /** This process, as {@code import_jobs.runner} names it. */
  static final String RUNNER = HOST + "/" + ProcessHandle.current().pid();

  ReportImport(Reports reports, JdbcCyberTips store, JdbcSources sources,
      ReportSources reportSources, JdbcRefusals refusals, TransactionTemplate transaction,
      AuditLog audit, JobQueue queue, ApplicationEventPublisher events, Clock clock,
      @Value("${vigie.intake.batch-size:0}") int batchSize,
      @Value("${vigie.intake.stale-after:PT10M}") Duration staleAfter) {
    this.sources = sources;
    this.reportSources = reportSources;
    this.batchSize = batchSize;
    this.staleAfter = staleAfter;
    this.reports = reports;
    this.store = store;
    this.refusals = refusals;
    this.transaction = transaction;
    this.audit = audit;
    this.queue = queue;
    this.events = events;
    this.clock = clock;
  }

  /**
   * Registers an import of a file already saved by the caller (an upload) and hands it to the
   * job queue; returns the {@code import_jobs} id, whose row says QUEUED until a worker runs it.
   * The file must stay where it is until the job has ended: the job then removes it
   * ({@code QueuedImports}, {@code ImportJobs}).
   *
   * @param inputName the name the user gave the input (e.g. the uploaded file's name)
   */
  public long queue(Path file, String inputName, AuditActor requester, Origin origin)
      throws IOException {
    return queue(file, inputName, requester, origin, null);
  }

  /**
   * As {@link #queue(Path, String, AuditActor, Origin)}; the file's CyberTipline {@code <report>}
   * documents, which do not say who sent them, are filed under {@code bareReportSource} (a
   * known source, see {@link ReportSources#senderOf}; null: such documents are quarantined),
   * kept on the job ({@code import_jobs.source_id}) for the worker and for a corrected record's
   * re-import.
   */
  public long queue(Path file, String inputName, AuditActor requester, Origin origin,
      ReportSource bareReportSource) throws IOException {
    String sha = sha256(file);
    return transaction.execute(s -> {
      long jobId = store.queueJob(inputName, sha, requester.name(), requester.role(),
          requester.clientAddress(), origin.name(), clock.instant(),
          sourceIdOf(bareReportSource), file.toAbsolutePath().toString());
      queue.enqueue(JOB_KIND, new QueuedImport(jobId, file.toAbsolutePath().toString()));
      return jobId;
    });
  }

  /**
   * Runs a queued import (see {@link #queue}) and returns the outcome it ended with; run again
   * after a crash, it ends as one clean run would, since reports already stored are found
   * unchanged. A job that has already ended for good (DONE, REFUSED, CANCELLED) is not run
   * again: its outcome is returned as it is.
   *
   * @throws IOException when the file could not be read (the job then says why: REFUSED, or
   *     FAILED when the file is gone)
   * @throws RuntimeException when the import failed otherwise (the job is then FAILED)
   */
  public InputOutcome runQueued(long importJobId, Path file) throws IOException {
    JdbcCyberTips.QueuedJob job = store.queuedJob(importJobId).orElseThrow(
        () -> new IllegalArgumentException("no import job " + importJobId));
    failInterruptedJobs();
    boolean started = Boolean.TRUE.equals(transaction.execute(s -> store.markRunning(
        importJobId, clock.instant(), RUNNER)));
    if (!started) {
      String[] state = store.state(importJobId).orElseThrow();
      InputOutcome ended = InputOutcome.ofName(state[1]);
      return ended != null ? ended : "CANCELLED".equals(state[0]) ? InputOutcome.CANCELLED
          : InputOutcome.REPORTS;
    }
    ReportSource source = job.sourceId() == null ? null
        : sources.byId(job.sourceId()).map(JdbcSources.SourceRow::source).orElse(null);
    Job run = new Job(job.inputName(), importJobId, new AuditActor(job.requestedBy(),
        job.requestedRole(), job.requestedFrom()), AuditAction.UPDATE, job.origin(),
        job.inputSha256(), source);
    started(run, file);
    return run(file, run, false, new LongAdder()).outcome();
  }

  /**
   * Puts a queued job whose attempt failed for a passing reason (the database) back in the
   * queue's hands, saying so on its page.
   */
  public void awaitRetry(long importJobId, int attempt, int attempts, Exception e) {
    transaction.executeWithoutResult(s -> store.awaitRetry(importJobId, "attempt " + attempt
        + " of " + attempts + " failed (" + cut(String.valueOf(e.getMessage())) + "); it is "
        + "tried again later"));
  }

  /** Ends a queued job whose last attempt failed for a passing reason that did not pass. */
  public void giveUp(long importJobId, int attempts, Exception e) {
    transaction.executeWithoutResult(s -> store.giveUp(importJobId, "failed at its last "
        + "attempt (" + attempts + " of " + attempts + "): " + cut(String.valueOf(
            e.getMessage())), clock.instant()));
  }

  /** The source a job names for the documents that do not say theirs, if it names one. */
  public Optional<ReportSource> bareReportSourceOf(long importJobId) {
    return store.queuedJob(importJobId).map(JdbcCyberTips.QueuedJob::sourceId)
        .flatMap(sources::byId).map(JdbcSources.SourceRow::source);
  }

  private Long sourceIdOf(ReportSource source) {
    if (source == null) {
      return null;
    }
    if (source.equals(ReportSource.NCMEC)) {
      // The one source Vigie knows from the start; its row comes with its first import.
      reports.ensureSource(source.code(), source.name(), source.kind(), source.country());
    }
    return sources.byCode(source.code()).map(JdbcSources.SourceRow::id).orElseThrow(
        () -> new IllegalArgumentException("unknown source " + source.code()
            + " (see ReportSources.senderOf)"));
  }

  /**
   * Imports one file and returns what it did; with {@code dryRun} reads and classifies every
   * record but writes nothing (no job, no source, no quarantine).
   *
   * @param actor who imports, as the audit log names them (e.g. "cli:alice"); the entries say
   *     role CLI and this host
   * @param progress incremented once per record read
   * @throws IOException when the file cannot be read; the job is then FAILED
   */
  public ImportSummary importFile(Path file, String actor, boolean dryRun, LongAdder progress)
      throws IOException {
    return importFile(file, actor, dryRun, progress, null);
  }

  /**
   * As {@link #importFile(Path, String, boolean, LongAdder)}; CyberTipline {@code <report>}
   * documents are filed under {@code bareReportSource} (a known source, see
   * {@link ReportSources#senderOf}; null: they are rejected, saying to give one with
   * {@code --source}).
   *
   * <p>{@code file} may be a folder: its {@code .xml}, {@code .jsonl}, {@code .ndjson} and
   * {@code .csv} files are then one batch, as a zip's entries are (a report and its fileDetails
   * documents go together). Its zips and its other files are not part of that batch: the
   * command imports each zip as an input of its own, and never reads other files.
   */
  public ImportSummary importFile(Path file, String actor, boolean dryRun, LongAdder progress,
      ReportSource bareReportSource) throws IOException {
    String input = file.toString();
    if (dryRun) {
      return run(file, new Job(input, null, AuditActor.commandLine(actor), AuditAction.CREATE,
          Origin.CLI.name(), null, bareReportSource), true, progress);
    }
    String sha = Files.isDirectory(file) ? FolderBatch.sha256(file) : sha256(file);
    failInterruptedJobs();
    Long sourceId = sourceIdOf(bareReportSource);
    long jobId = transaction.execute(s -> store.startJob(input, sha, actor, Origin.CLI.name(),
        clock.instant(), RUNNER, sourceId));
    Job job = new Job(input, jobId, AuditActor.commandLine(actor), AuditAction.CREATE,
        Origin.CLI.name(), sha, bareReportSource);
    started(job, file);
    return run(file, job, false, progress);
  }

  private ImportSummary run(Path file, Job job, boolean dryRun, LongAdder progress)
      throws IOException {
    ReportSource bareReportSource = job.bareReportSource();
    Stream<CyberTipOutcome> outcomes;
    try {
      outcomes = IntakeFiles.read(file, bareReportSource);
      if (Files.isDirectory(file)) {
        outcomes = outcomes.filter(FolderBatch.notAboutOtherInputs(file));
      }
    } catch (IOException | RuntimeException e) {
      return run(Stream.of(), e, file, job, dryRun, progress);
    }
    return run(outcomes, null, file, job, dryRun, progress);
  }

  /**
   * What a record refused for want of a source should say to do, by where the import came from;
   * null when a source was given.
   */
  private String hint(ReportSource bareReportSource, Origin origin) {
    if (bareReportSource != null) {
      return null;
    }
    return switch (origin) {
      case CLI, DEMO -> "; give it with --source CODE (known sources: "
          + known(reportSources.senderCodes()) + ")";
      case API -> "; give it with ?source=CODE (known sources: "
          + known(reportSources.senderCodes()) + ")";
      case WEB -> "; choose the source on the imports page (or, for a corrected record, on "
          + "its page) and send it again";
    };
  }

  private static String known(List<String> codes) {
    return codes.isEmpty() ? "none yet" : String.join(", ", codes);
  }

  /**
   * One import run as the audit log tells it.
   *
   * @param id the import job, null in a dry run
   * @param startAction CREATE when the run creates its job (command line), UPDATE when it runs
   *     one queued earlier (whose creation is already on the record)
   * @param bareReportSource the source of the input's CyberTipline {@code <report>} documents,
   *     or null
   */
  private record Job(String input, Long id, AuditActor actor, AuditAction startAction,
      String origin, String sha256, ReportSource bareReportSource) {}

  /** Puts the start of the run on the record, before any record is read. */
  private void started(Job job, Path file) {
    String what = file == null ? "records given directly" : describe(file, job.sha256());
    audit.record(job.actor().event(job.startAction(), "import_job", job.id(), null)
        .withOutcome("STARTED")
        .withDetail(clip("started: " + job.input() + " (" + what + "), origin " + job.origin()
            + (job.bareReportSource() == null ? ""
                : ", report documents under source " + job.bareReportSource().code())
            + ", run by " + RUNNER)));
  }

  /**
   * The file's digest (computed once, when the job was made), size, format and the source its
   * format implies.
   */
  private static String describe(Path file, String sha256) {
    String digest = "sha256 " + (sha256 == null ? "unknown" : sha256);
    if (Files.isDirectory(file)) {
      return digest + ", a folder read as one batch";
    }
    String size;
    try {
      size = Files.size(file) + " bytes";
    } catch (IOException e) {
      return digest + ", unreadable: " + e.getMessage();
    }
    String format;
    try (InputStream in = Files.newInputStream(file)) {
      byte[] head = in.readNBytes(4);
      if (head.length == 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
        format = "ZIP, source NCMEC for its CyberTipline XML entries, else as each record names it";
      } else {
        IntakeFiles.Format f = IntakeFiles.detect(file);
        format = f == IntakeFiles.Format.CYBERTIP_XML ? f.name() + ", source " + SOURCE_CODE
            : f.name() + ", source as each record names it";
      }
    } catch (IOException e) {
      format = "format unknown (" + e.getMessage() + ")";
    }
    return digest + ", " + size + ", " + format;
  }

  /**
   * Imports records already read (tests build inputs the readers would never give, such as one
   * report id twice), as a CLI import named {@code input}.
   */
  ImportSummary importRecords(String input, Stream<CyberTipOutcome> outcomes, String actor)
      throws IOException {
    failInterruptedJobs();
    long jobId = transaction.execute(s -> store.startJob(input, null, actor, Origin.CLI.name(),
        clock.instant(), RUNNER));
    Job job = new Job(input, jobId, AuditActor.commandLine(actor), AuditAction.CREATE,
        Origin.CLI.name(), null, null);
    started(job, null);
    return run(outcomes, null, null, job, false, new LongAdder());
  }

  /**
   * Runs the pipeline and ends the job with its outcome: DONE when the input was a file of
   * reports (whatever went to quarantine); REFUSED when nothing in it was a report and nothing
   * was kept to correct (a picture, zeros, junk: {@link RefusedInputs}), or its reader could not
   * open it; FAILED otherwise, with the reason.
   *
   * @param file the input read, to say what it is when refused (null: records given by a test)
   */
  private ImportSummary run(Stream<CyberTipOutcome> outcomes, Exception openFailure, Path file,
      Job job, boolean dryRun, LongAdder progress) throws IOException {
    Long jobId = job.id();
    Tally tally = new Tally(job, file);
    String missingSourceHint = hint(job.bareReportSource(), Origin.valueOf(job.origin()));
    try {
      if (openFailure instanceof IOException io) {
        throw io;
      } else if (openFailure instanceof RuntimeException r) {
        throw r;
      }
      pipeline(outcomes, tally, dryRun, progress, missingSourceHint);
    } catch (IOException | RuntimeException e) {
      if (jobId != null) {
        InputOutcome outcome = file == null ? InputOutcome.ERROR
            : RefusedInputs.ofFailure(file, e);
        String reason = tally.shown(String.valueOf(e.getMessage()));
        finish(jobId, tally, outcome, outcome == InputOutcome.MISSING
            ? "the file to import is gone (" + reason + "): send it again" : reason, job);
      }
      throw e;
    }
    InputOutcome outcome = tally.outcome();
    if (jobId != null) {
      String reason = null;
      if (outcome.refused()) {
        String looksLike = outcome == InputOutcome.PICTURE || outcome == InputOutcome.BINARY
            ? RefusedInputs.describe(file) : null;
        reason = (looksLike == null ? "" : looksLike + ": ") + tally.refusalReason();
      }
      finish(jobId, tally, outcome, reason, job);
      if (tally.created + tally.newVersions > 0) {
        events.publishEvent(new ReportsImported(jobId, tally.created + tally.newVersions));
      }
    }
    return tally.summary(outcome);
  }

  /**
   * Ends the job with its outcome, and puts its end on the audit record: finished, refused
   * (what the input is and why) or failed (with the error).
   */
  private void finish(long jobId, Tally tally, InputOutcome outcome, String reason, Job job) {
    transaction.executeWithoutResult(s -> store.finishJob(jobId, tally.counts(),
        outcome.ending().name(), outcome.name(), reason, clock.instant()));
    var end = job.actor().event(AuditAction.UPDATE, "import_job", jobId, null);
    if (outcome == InputOutcome.REPORTS) {
      audit.record(end.withDetail("finished: " + tally.detail()));
    } else if (outcome.refused()) {
      audit.record(end.withOutcome("FAILURE").withDetail(clip("refused, " + outcome.name()
          + ": " + tally.input + ": " + reason)));
    } else {
      audit.record(end.withOutcome("FAILURE").withDetail(clip("failed: " + tally.detail()
          + ": " + reason)));
    }
  }

  /** A record read and made ready to write (hashed, compressed, mapped to rows) off the writer. */
  private sealed interface Item {}

  private record Ready(ReportSource source, String externalId, String sha256, String rawFormat,
      byte[] rawGzip, CyberTipRows rows) implements Item {}

  private record Refused(String file, long line, long column, String field, String reason,
      byte[] rawGzip) implements Item {}

  /** The reader stopped: at the end ({@code error} null) or on an error. */
  private record End(Throwable error) implements Item {}

  /**
   * Reads on one thread and writes on this one, through a bounded queue (memory stays flat
   * whatever the input's size): the reader parses, hashes, compresses and maps each record; the
   * writer takes them a batch at a time, one transaction per batch.
   */
  private void pipeline(Stream<CyberTipOutcome> outcomes, Tally tally, boolean dryRun,
      LongAdder progress, String missingSourceHint) throws IOException {
    int batchSize = this.batchSize > 0 ? this.batchSize : store.preferredBatchSize();
    // Room for a batch being read while the one before is written.
    BlockingQueue<Item> queue = new ArrayBlockingQueue<>(Math.max(QUEUE_CAPACITY, 2 * batchSize));
    AtomicBoolean stop = new AtomicBoolean();
    Thread reader = Thread.ofPlatform().daemon().name("vigie-import-reader")
        .start(() -> read(outcomes, queue, stop, missingSourceHint));
    try {
      write(queue, batchSize, tally, dryRun, progress);
    } finally {
      stop.set(true);
      queue.clear();
      try {
        reader.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      outcomes.close();
    }
  }

  private void read(Stream<CyberTipOutcome> outcomes, BlockingQueue<Item> queue,
      AtomicBoolean stop, String missingSourceHint) {
    Throwable error = null;
    try {
      Iterator<CyberTipOutcome> it = outcomes.iterator();
      MessageDigest sha = digest();
      while (!stop.get() && it.hasNext()) {
        Item item = switch (it.next()) {
          case CyberTipOutcome.Accepted a -> {
            byte[] raw = a.tip().rawXml().getBytes(StandardCharsets.UTF_8);
            yield new Ready(a.source(), a.tip().reportId(), contentSha256(a, raw, sha),
                a.rawFormat(), gzip(raw), CyberTipRows.of(a.tip(), clock.instant()));
          }
          // Where and why are stored as text, which holds no NUL; the record keeps its bytes.
          case CyberTipOutcome.Rejected r -> new Refused(VisibleText.storable(r.file()),
              r.line(), r.column(), VisibleText.storable(r.fieldPath()),
              VisibleText.storable(reason(r, missingSourceHint)),
              r.rawXml() == null || r.rawXml().isEmpty() ? null
                  : gzip(r.rawXml().getBytes(StandardCharsets.UTF_8)));
        };
        if (!put(queue, item, stop)) {
          return;
        }
      }
    } catch (Throwable e) {
      error = e;
    }
    put(queue, new End(error), stop);
  }

  /**
   * The content identity of a record: the SHA-256 of its raw record as read, or, for a report
   * whose id is derived from its content, of its canonical form ({@link CanonicalXml}): that id
   * does not change when the same report comes back laid out otherwise, and neither should its
   * content, or a re-indented copy would be stored as a new version of itself.
   */
  private static String contentSha256(CyberTipOutcome.Accepted a, byte[] raw,
      MessageDigest sha) {
    byte[] identity = a.tip().reportIdDerived()
        ? CanonicalXml.of(a.tip().rawXml()).getBytes(StandardCharsets.UTF_8) : raw;
    return HEX.formatHex(sha.digest(identity));
  }

  /** The reader's reason, with what to do when a report document came without its source. */
  private static String reason(CyberTipOutcome.Rejected r, String missingSourceHint) {
    return missingSourceHint != null && r.reportId() == null && "report".equals(r.fieldPath())
        && r.reason().startsWith(MISSING_SOURCE) ? r.reason() + missingSourceHint : r.reason();
  }

  /** How the reader starts the reason of a report document read without a source. */
  static final String MISSING_SOURCE = "a report document holds no report number: the "
      + "importer must say which source sent it";

  /** Waits for room in the queue unless the writer stopped; returns false if it did. */
  private static boolean put(BlockingQueue<Item> queue, Item item, AtomicBoolean stop) {
    try {
      while (!stop.get()) {
        if (queue.offer(item, 200, TimeUnit.MILLISECONDS)) {
          return true;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return false;
  }

  private void write(BlockingQueue<Item> queue, int batchSize, Tally tally, boolean dryRun,
      LongAdder progress) throws IOException {
    List<Item> batch = new ArrayList<>(batchSize);
    long lastBeat = System.nanoTime();
    while (true) {
      Item item;
      try {
        item = queue.poll(1, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("import interrupted", e);
      }
      if (item != null) {
        batch.add(item);
        queue.drainTo(batch, batchSize - batch.size());
        // The reader's last word always comes last.
        if (batch.getLast() instanceof End end) {
          batch.removeLast();
          flush(batch, tally, dryRun, progress);
          if (end.error() != null) {
            throw rethrow(end.error());
          }
          return;
        }
      }
      if (batch.size() >= batchSize || (item == null && !batch.isEmpty())) {
        flush(batch, tally, dryRun, progress);
        lastBeat = System.nanoTime();
      } else if (item == null && tally.jobId != null && !dryRun
          && System.nanoTime() - lastBeat > HEARTBEAT_NANOS) {
        // A slow input (a large zip entry of rejects, a slow disk): still alive.
        long id = tally.jobId;
        transaction.executeWithoutResult(s -> store.heartbeat(id, tally.counts(),
            clock.instant()));
        lastBeat = System.nanoTime();
      }
    }
  }

  private static IOException rethrow(Throwable e) {
    if (e instanceof IOException io) {
      return io;
    }
    if (e instanceof UncheckedIOException u) {
      return u.getCause();
    }
    if (e instanceof RuntimeException r) {
      throw r;
    }
    if (e instanceof Error err) {
      throw err;
    }
    return new IOException(e);
  }

  /**
   * Writes a batch in one transaction; when the database refuses it, writes its records one by
   * one instead, so that the record at fault goes to quarantine and only it.
   */
  private void flush(List<Item> batch, Tally tally, boolean dryRun, LongAdder progress) {
    if (batch.isEmpty()) {
      return;
    }
    Map<ReportSource, Long> sources = new HashMap<>();
    for (Item item : batch) {
      if (item instanceof Ready r) {
        sources.put(r.source(), sourceId(r.source(), tally.sourceIds, dryRun));
      }
    }
    if (dryRun) {
      tally.add(classify(batch, sources, tally, true));
    } else {
      try {
        tally.add(transaction.execute(s -> {
          Delta d = classify(batch, sources, tally, false);
          Tally after = tally.plus(d);
          store.heartbeat(tally.jobId, after.counts(), clock.instant());
          // Last in the batch's transaction: the entry commits with what it counts, or not.
          audit.recordWithinTransaction(batchCommitted(tally, d, after, sources));
          return d;
        }));
      } catch (DataAccessException e) {
        Delta written = new Delta();
        for (Item item : batch) {
          Delta one = writeAlone(item, sources, tally);
          tally.add(one);
          written.add(one);
        }
        // Records written one by one commit one by one: the entry follows the last of them.
        audit.record(batchCommitted(tally, written, tally, sources));
      }
      tally.batches++;
    }
    progress.add(batch.size());
    batch.clear();
  }

  /** The audit entry of a committed batch: what it wrote, what the import wrote so far. */
  private static AuditEvent batchCommitted(Tally tally, Delta batch, Tally soFar,
      Map<ReportSource, Long> sources) {
    String codes = sources.keySet().stream().map(ReportSource::code).sorted().distinct()
        .reduce((a, b) -> a + ", " + b).orElse("-");
    return tally.job.actor().event(AuditAction.UPDATE, "import_job", tally.jobId, null)
        .withDetail("batch " + (tally.batches + 1) + " committed: " + Tally.counts(batch.read,
            batch.created, batch.newVersions, batch.unchanged, batch.rejected()) + "; so far "
            + Tally.counts(soFar.read, soFar.created, soFar.newVersions, soFar.unchanged,
                soFar.rejected) + "; sources " + codes);
  }

  /** Writes one record in its own transaction, as a batch failed. */
  private Delta writeAlone(Item item, Map<ReportSource, Long> sources, Tally tally) {
    List<Item> one = List.of(item);
    for (int attempt = 1; ; attempt++) {
      try {
        return transaction.execute(s -> classify(one, sources, tally, false));
      } catch (DuplicateKeyException | ConcurrencyFailureException e) {
        // Another import stored this report meanwhile (or holds it, uncommitted, or lost a
        // deadlock against us): look again at what is stored.
        if (attempt >= CONCURRENT_RETRIES) {
          throw e;
        }
        pause(attempt);
      } catch (DataIntegrityViolationException e) {
        // A value the schema cannot hold (e.g. longer than its column): quarantined like a
        // format error, so that one record never stops the file.
        if (!(item instanceof Ready r)) {
          throw e;
        }
        Refused refused = new Refused(VisibleText.storable(tally.input), 0, 0, "cyberTip",
            VisibleText.storable("report " + r.externalId() + " could not be stored: "
                + cut(e.getMostSpecificCause().getMessage())), r.rawGzip());
        return transaction.execute(s -> classify(List.of(refused), sources, tally, false));
      }
    }
  }

  private static void pause(int attempt) {
    try {
      Thread.sleep(20L * attempt);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Decides what each record of the batch is (new, new version, unchanged, rejected) from one
   * look-up of the stored versions per source, then writes it unless {@code dryRun}. A report id
   * met twice in the batch is seen by its second occurrence as the first one left it.
   */
  private Delta classify(List<Item> batch, Map<ReportSource, Long> sources, Tally tally,
      boolean dryRun) {
    Long jobId = tally.jobId;
    Delta d = new Delta();
    Map<Long, List<String>> idsBySource = new HashMap<>();
    for (Item item : batch) {
      if (item instanceof Ready r && sources.get(r.source()) != null) {
        idsBySource.computeIfAbsent(sources.get(r.source()), k -> new ArrayList<>())
            .add(r.externalId());
      }
    }
    Map<String, List<StoredVersion>> known = new HashMap<>();
    idsBySource.forEach((sid, ids) -> store.versions(sid, ids).forEach(
        (ext, versions) -> known.put(sid + "/" + ext, new ArrayList<>(versions))));
    List<JdbcCyberTips.NewReport> inserts = new ArrayList<>();
    List<Integer> superseding = new ArrayList<>();
    List<JdbcCyberTips.Reject> rejects = new ArrayList<>();
    for (Item item : batch) {
      d.read++;
      switch (item) {
        case Ready r -> {
          Long sid = sources.get(r.source());
          List<StoredVersion> versions = known.computeIfAbsent(sid + "/" + r.externalId(),
              k -> new ArrayList<>());
          if (versions.stream().anyMatch(v -> v.contentSha256().equals(r.sha256()))) {
            d.unchanged++;
            continue;
          }
          int version = versions.isEmpty() ? 1 : versions.get(0).version() + 1;
          versions.add(0, new StoredVersion(-1, version, r.sha256()));
          if (version == 1) {
            d.created++;
          } else {
            d.newVersions++;
            superseding.add(inserts.size());
          }
          if (!dryRun) {
            inserts.add(new JdbcCyberTips.NewReport(sid, jobId, r.externalId(), version,
                r.sha256(), r.rawFormat(), r.rawGzip(), r.rows()));
          }
          d.persons += r.rows().persons().size();
          d.identifiers += r.rows().identifierCount();
          d.ipEvents += r.rows().ipEvents().size();
          d.media += r.rows().media().size();
          d.victimHints += r.rows().victimHints().size();
        }
        case Refused r -> {
          d.rejections.add(new ImportSummary.Rejection(r.file(), r.line(), r.column(),
              r.field(), r.reason()));
          if (r.rawGzip() == null) {
            // Nothing kept to correct or re-import: counted in the summary, not one row each.
            d.refusals.add(tally.shown(r.file()), r.line(), r.column(), r.field(), r.reason(),
                tally.refusals);
          } else {
            d.quarantined++;
            rejects.add(new JdbcCyberTips.Reject(jobId, r.file(), r.line(), r.column(),
                r.field(), r.reason(), r.rawGzip()));
          }
        }
        case End e -> throw new IllegalStateException("end of input inside a batch");
      }
    }
    if (!dryRun) {
      long[] ids = store.insertAll(inserts);
      List<JdbcCyberTips.Supersede> kept = new ArrayList<>(superseding.size());
      for (int i : superseding) {
        JdbcCyberTips.NewReport n = inserts.get(i);
        kept.add(new JdbcCyberTips.Supersede(n.sourceId(), n.externalId(), ids[i]));
      }
      store.supersedeAll(kept);
      store.quarantineAll(rejects);
      if (!d.refusals.isEmpty()) {
        refusals.addAll(jobId, d.refusals);
      }
    }
    return d;
  }

  /** The id of the source, registered on first sight; null in a dry run if it is new. */
  private Long sourceId(ReportSource source, Map<String, Long> known, boolean dryRun) {
    Long id = known.get(source.code());
    if (id == null) {
      if (!dryRun) {
        reports.ensureSource(source.code(), source.name(), source.kind(), source.country());
      }
      id = store.sourceId(source.code()).orElse(null);
      if (id != null) {
        known.put(source.code(), id);
      }
    }
    return id;
  }

  /**
   * Marks FAILED ("interrupted") the report imports left RUNNING by a process that is gone: one
   * on this host whose process id no longer runs, or one on any host whose heartbeat is older
   * than {@code vigie.intake.stale-after}. Every import runs this before it starts, on every
   * node; a job that beats again meanwhile is left alone.
   *
   * @return how many jobs it marked
   */
  public int failInterruptedJobs() {
    Instant now = clock.instant();
    int marked = 0;
    for (JdbcCyberTips.RunningJob job : store.runningJobs()) {
      boolean deadHere = job.runner() != null && job.runner().startsWith(HOST + "/")
          && !job.runner().equals(RUNNER) && !alive(job.runner().substring(HOST.length() + 1));
      boolean stale = job.heartbeat().isBefore(now.minus(staleAfter));
      if (deadHere || stale) {
        String reason = "interrupted: " + (deadHere ? "process " + job.runner() + " is gone"
            : "no heartbeat since " + job.heartbeat()) + "; run the import again (reports "
            + "already stored are kept and found unchanged)";
        Boolean done = transaction.execute(s -> store.markInterrupted(job.id(), job.heartbeat(),
            reason, now));
        if (Boolean.TRUE.equals(done)) {
          marked++;
        }
      }
    }
    return marked;
  }

  /** At start-up too: a node restarted after a crash marks its own dead jobs at once. */
  @EventListener(ApplicationReadyEvent.class)
  void failInterruptedJobsAtStart() {
    try {
      int marked = failInterruptedJobs();
      if (marked > 0) {
        LOG.warn("{} report import(s) left RUNNING by a process that is gone marked FAILED "
            + "(interrupted); run them again to finish them", marked);
      }
    } catch (DataAccessException e) {
      LOG.warn("could not look for interrupted report imports: {}", e.getMessage());
    }
  }

  private static boolean alive(String pid) {
    try {
      return ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false);
    } catch (NumberFormatException e) {
      return true;
    }
  }

  private static String hostName() {
    String name = System.getenv("HOSTNAME");
    if (name == null || name.isBlank()) {
      try {
        name = java.net.InetAddress.getLocalHost().getHostName();
      } catch (IOException e) {
        name = "localhost";
      }
    }
    return name.length() > 70 ? name.substring(0, 70) : name;
  }

  /** An audit detail of at most 2,000 characters (a path or an error may be any length). */
  private static String clip(String s) {
    return s.length() <= 2000 ? s : s.substring(0, 2000) + "…";
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

  /** What one batch (or one record) did, added to the tally once committed. */
  private static class Delta {
    long read;
    long created;
    long newVersions;
    long unchanged;
    long rejected() {
      return rejections.size();
    }
    long persons;
    long identifiers;
    long ipEvents;
    long media;
    long victimHints;
    long quarantined;
    final List<ImportSummary.Rejection> rejections = new ArrayList<>();
    final Refusals refusals = new Refusals();

    void add(Delta o) {
      read += o.read;
      created += o.created;
      newVersions += o.newVersions;
      unchanged += o.unchanged;
      persons += o.persons;
      identifiers += o.identifiers;
      ipEvents += o.ipEvents;
      media += o.media;
      victimHints += o.victimHints;
      quarantined += o.quarantined;
      rejections.addAll(o.rejections);
    }
  }

  /** Running counts of one input. */
  private static final class Tally {
    final Job job;
    final String input;
    final Long jobId;
    /** Batches committed so far. */
    long batches;
    /** The file read (a spooled upload has a name of its own), null for records given. */
    final Path file;
    final Map<String, Long> sourceIds = new HashMap<>();
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
    long quarantined;
    final List<ImportSummary.Rejection> rejections = new ArrayList<>();
    final Refusals refusals = new Refusals();

    Tally(Job job, Path file) {
      this.job = job;
      this.input = job.input();
      this.jobId = job.id();
      this.file = file;
    }

    /**
     * A reader's name for the input or an entry of it, or a message that names it, with the
     * spool's name of an upload replaced by the name its sender gave
     * ({@code upload-123.zip!/a.png} is {@code lot.zip!/a.png}).
     */
    String shown(String name) {
      if (file == null || name == null || input.equals(file.toString())) {
        return name;
      }
      String spooled = file.getFileName().toString();
      return name.replace(file.toAbsolutePath().toString(), input).replace(spooled, input);
    }

    /**
     * REPORTS when anything in the input was a report or a record kept to correct (or when it
     * held nothing at all); else what the input is, since nothing in it could go in.
     */
    InputOutcome outcome() {
      boolean nothingRead = created + newVersions + unchanged + quarantined == 0;
      if (!nothingRead || refusals.isEmpty() || file == null) {
        return InputOutcome.REPORTS;
      }
      return RefusedInputs.whatItIs(file, refusals.reasons());
    }

    /**
     * The reason of a refused input as its page and the API give it: the reader's own words,
     * with where (the entry, for a zip) and how many more there were.
     */
    String refusalReason() {
      List<Refusals.Summary> all = refusals.summaries();
      Refusals.Summary first = all.getFirst();
      StringBuilder b = new StringBuilder();
      if (!first.firstFile().equals(input)) {
        b.append(first.firstFile()).append(": ");
      }
      b.append(first.reason());
      if (first.occurrences() > 1) {
        b.append(" (").append(first.occurrences()).append(" entries)");
      }
      if (all.size() > 1) {
        b.append("; and ").append(all.size() - 1).append(" other reason")
            .append(all.size() > 2 ? "s" : "").append(" (see the summary)");
      }
      return b.toString();
    }

    void add(Delta d) {
      read += d.read;
      created += d.created;
      newVersions += d.newVersions;
      unchanged += d.unchanged;
      rejected += d.rejected();
      persons += d.persons;
      identifiers += d.identifiers;
      ipEvents += d.ipEvents;
      media += d.media;
      victimHints += d.victimHints;
      quarantined += d.quarantined;
      rejections.addAll(d.rejections);
      refusals.addAll(d.refusals);
    }

    /** The counts once {@code d} is committed too (rejections aside). */
    Tally plus(Delta d) {
      Tally t = new Tally(job, file);
      t.read = read + d.read;
      t.created = created + d.created;
      t.newVersions = newVersions + d.newVersions;
      t.unchanged = unchanged + d.unchanged;
      t.rejected = rejected + d.rejected();
      return t;
    }

    JdbcCyberTips.JobCounts counts() {
      return new JdbcCyberTips.JobCounts(read, created, newVersions, unchanged, rejected);
    }

    String detail() {
      String d = "reports from " + input + ": " + created + " new, " + newVersions
          + " new versions, " + unchanged + " unchanged, " + rejected + " rejected";
      return d.length() <= 1000 ? d : d.substring(d.length() - 1000);
    }

    static String counts(long read, long created, long newVersions, long unchanged,
        long rejected) {
      return read + " read, " + created + " new, " + newVersions + " new versions, " + unchanged
          + " unchanged, " + rejected + " rejected";
    }

    ImportSummary summary(InputOutcome outcome) {
      return new ImportSummary(input, jobId, read, created, newVersions, unchanged, rejected,
          persons, identifiers, ipEvents, media, victimHints, rejections, outcome);
    }
  }
}
