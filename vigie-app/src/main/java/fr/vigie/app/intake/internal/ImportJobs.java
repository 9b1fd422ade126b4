package fr.vigie.app.intake.internal;

import static fr.vigie.app.storage.Timestamps.utc;

import fr.vigie.app.audit.AuditAction;
import fr.vigie.app.audit.AuditEvent;
import fr.vigie.app.audit.AuditLog;
import fr.vigie.app.security.Access;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The spooled uploads of queued imports, from the queue to their end: a job cancelled while it
 * waits, and the file removed once its job has ended whatever the end — by the worker, by
 * {@link #cancel}, or at start-up for the jobs that ended while this node was down.
 */
@Service
public class ImportJobs {

  /**
   * A spool file no job names is removed at start-up once it is this old: younger, it may be an
   * upload still being written, whose job is not registered yet.
   */
  static final Duration ORPHAN_AGE = Duration.ofHours(1);

  private static final Logger LOG = LoggerFactory.getLogger(ImportJobs.class);

  private final JdbcClient jdbc;
  private final AuditLog audit;
  private final Clock clock;
  private final Path spool;

  ImportJobs(JdbcClient jdbc, AuditLog audit, Clock clock, @Value("${vigie.home}") String home) {
    this.jdbc = jdbc;
    this.audit = audit;
    this.clock = clock;
    this.spool = Path.of(home).toAbsolutePath().resolve("spool");
  }

  /** Removes the job's spooled file, which it no longer needs, and says so in its row. */
  public void release(long jobId, Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // Left for the start-up sweep: the job's row still names it.
      LOG.warn("could not remove the spooled file {} of import job {}: {}", file, jobId,
          e.toString());
      return;
    }
    jdbc.sql("update import_jobs set spooled_file = null where id = ?").param(jobId).update();
  }

  /** True when the job ended REFUSED (its file is not a file of reports). */
  public boolean refused(long jobId) {
    return jdbc.sql("select status from import_jobs where id = ?").param(jobId)
        .query(String.class).optional().filter("REFUSED"::equals).isPresent();
  }

  /** What became of a cancel request. */
  public sealed interface Cancel {
    record Cancelled() implements Cancel {}

    /** The job had already started or ended (or does not exist): nothing changed. */
    record NotQueued() implements Cancel {}
  }

  /**
   * Cancels a job still QUEUED and removes its spooled file; the worker that later takes its
   * queue entry finds it CANCELLED and leaves it. On the audit record as UPDATE.
   */
  public Cancel cancel(Access access, long jobId) {
    String file = jdbc.sql("""
        select spooled_file from import_jobs where id = ? and status = 'QUEUED'
        """).param(jobId).query(String.class).optional().orElse(null);
    int changed = jdbc.sql("""
        update import_jobs set status = 'CANCELLED', outcome = 'CANCELLED', finished_at = ?,
          last_error = ?
        where id = ? and status = 'QUEUED'
        """).params(utc(clock.instant()), "cancelled by " + access.caller().username(), jobId)
        .update();
    if (changed == 0) {
      return new Cancel.NotQueued();
    }
    audit.record(AuditEvent.of(access.caller().username(), access.caller().role().name(),
        AuditAction.UPDATE, "import_job", jobId, null, access.clientAddress())
        .withDetail("queued import cancelled"));
    if (file != null) {
      release(jobId, Path.of(file));
    }
    return new Cancel.Cancelled();
  }

  /**
   * At start-up: removes the files of the jobs that ended while this node was down, and the
   * orphans ({@link #sweep}).
   */
  @EventListener(ApplicationReadyEvent.class)
  public void sweepAtStart() {
    try {
      int removed = sweep();
      if (removed > 0) {
        LOG.info("{} spooled upload(s) of ended import jobs removed", removed);
      }
    } catch (DataAccessException | IOException e) {
      LOG.warn("could not sweep the spool {}: {}", spool, e.toString());
    }
  }

  /**
   * Removes the spooled files of the jobs that have ended for good (DONE, REFUSED, CANCELLED, or
   * FAILED but not interrupted: an interrupted job is run again by the queue, which needs its
   * file), and the spool files no job names that are older than {@link #ORPHAN_AGE} (left by a
   * process that died between saving an upload and registering its job); returns how many.
   */
  int sweep() throws IOException {
    int removed = 0;
    List<Ended> ended = jdbc.sql("""
        select id, spooled_file from import_jobs
        where spooled_file is not null
          and (status in ('DONE', 'REFUSED', 'CANCELLED')
            or (status = 'FAILED' and coalesce(outcome, '') <> 'INTERRUPTED'))
        """).query((rs, n) -> new Ended(rs.getLong(1), rs.getString(2))).list();
    for (Ended e : ended) {
      Path file = Path.of(e.file());
      boolean existed = Files.exists(file);
      release(e.id(), file);
      removed += existed ? 1 : 0;
    }
    if (!Files.isDirectory(spool)) {
      return removed;
    }
    Set<Path> named = new HashSet<>();
    jdbc.sql("select spooled_file from import_jobs where spooled_file is not null")
        .query(String.class).list().forEach(f -> named.add(Path.of(f).toAbsolutePath()));
    Instant old = clock.instant().minus(ORPHAN_AGE);
    List<Path> files;
    try (Stream<Path> list = Files.list(spool)) {
      files = list.filter(Files::isRegularFile).toList();
    }
    for (Path f : files) {
      if (!named.contains(f.toAbsolutePath())
          && Files.getLastModifiedTime(f).toInstant().isBefore(old)) {
        Files.deleteIfExists(f);
        removed++;
      }
    }
    return removed;
  }

  private record Ended(long id, String file) {}
}
