package fr.vigie.app.intake;

import fr.vigie.app.intake.internal.CyberTipRows;
import fr.vigie.app.intake.internal.JdbcCyberTips;
import fr.vigie.formats.cybertip.CyberTip;
import fr.vigie.formats.cybertip.EventTime;
import fr.vigie.formats.cybertip.IncidentType;
import fr.vigie.formats.cybertip.IpEvent;
import fr.vigie.formats.cybertip.Normalisers;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the P2P sensor saw, filed as reports so that it flows through the next stages like any
 * import: one report (source {@value #SOURCE}, kind P2P_SENSOR, raw format SENSOR) per peer that
 * answered our handshake, holding one IP event (the peer's address and port at the handshake's
 * instant, UTC with milliseconds, owner {@code peer2peerIncident[1]}), in an import job of origin
 * API; {@link ReportsImported} is published so that attribution queues it.
 *
 * <p>Idempotent: the report's external id is the caller's (the observation's), and the same one
 * twice returns what the first stored.
 */
@Service
public class SensorSightings {

  /** The source every sighting is filed under. */
  public static final String SOURCE = "P2P";

  /**
   * A peer seen sharing a watched torrent.
   *
   * @param externalId unique per observation (e.g. derived from the signed text's hash)
   * @param ip the peer's address as the sensor wrote it
   * @param handshakeAt when it answered our handshake (UTC)
   * @param rawRecord the observation as signed, kept as the report's raw record
   */
  public record Sighting(String externalId, String ip, int port, Instant handshakeAt,
      String rawRecord, String actor) {

    public Sighting {
      Objects.requireNonNull(externalId, "externalId");
      Objects.requireNonNull(ip, "ip");
      Objects.requireNonNull(handshakeAt, "handshakeAt");
      Objects.requireNonNull(rawRecord, "rawRecord");
      Objects.requireNonNull(actor, "actor");
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("port out of range: " + port);
      }
    }
  }

  /** What was stored (or found stored) for a sighting. */
  public record Filed(long reportId, long ipEventId, long importJobId, boolean alreadyFiled) {}

  private final Reports reports;
  private final JdbcCyberTips store;
  private final JdbcClient jdbc;
  private final ApplicationEventPublisher events;
  private final Clock clock;

  SensorSightings(Reports reports, JdbcCyberTips store, JdbcClient jdbc,
      ApplicationEventPublisher events, Clock clock) {
    this.reports = reports;
    this.store = store;
    this.jdbc = jdbc;
    this.events = events;
    this.clock = clock;
  }

  /**
   * Files the sighting in the caller's transaction (or one of its own), or returns what was
   * filed for the same external id before. The audit entry is the caller's.
   */
  @Transactional
  public Filed file(Sighting s) {
    String ip = Normalisers.ip(s.ip());
    if (ip == null) {
      throw new IllegalArgumentException("not an IP address: " + s.ip());
    }
    reports.ensureSource(SOURCE, "Capteur P2P Vigie", "P2P_SENSOR", null);
    long sourceId = store.sourceId(SOURCE).orElseThrow();
    List<JdbcCyberTips.StoredVersion> before = store.versions(sourceId, s.externalId());
    if (!before.isEmpty()) {
      long reportId = before.getFirst().id();
      return jdbc.sql("""
          select e.id, r.import_job_id from ip_events e join reports r on r.id = e.report_id
          where r.id = ? order by e.id fetch first 1 rows only
          """).param(reportId)
          .query((rs, n) -> new Filed(reportId, rs.getLong(1), rs.getLong(2), true)).single();
    }
    Instant now = clock.instant();
    EventTime at = new EventTime(s.handshakeAt().toString(),
        s.handshakeAt().atOffset(ZoneOffset.UTC).toLocalDateTime(), ZoneOffset.UTC);
    IpEvent event = new IpEvent(s.ip(), ip, s.port(), at, null, false, "peer2peerIncident[1]");
    CyberTip tip = new CyberTip(s.externalId(), at, IncidentType.CHILD_PORNOGRAPHY, at,
        "BitTorrent", false, List.of(), List.of(), List.of(), List.of(), List.of(event),
        List.of(), s.rawRecord());
    byte[] raw = s.rawRecord().getBytes(StandardCharsets.UTF_8);
    String sha = sha256(raw);
    long jobId = store.startJob("capteur P2P " + s.externalId(), sha, s.actor(), "API", now);
    long reportId = store.insert(sourceId, jobId, s.externalId(), 1, sha, "SENSOR",
        ReportImport.gzip(raw), CyberTipRows.of(tip, now));
    store.finishJob(jobId, new JdbcCyberTips.JobCounts(1, 1, 0, 0, 0), "DONE",
        InputOutcome.REPORTS.name(), null, now);
    long eventId = jdbc.sql("select min(id) from ip_events where report_id = ?").param(reportId)
        .query(Long.class).single();
    events.publishEvent(new ReportsImported(jobId, 1));
    return new Filed(reportId, eventId, jobId, false);
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
