package fr.vigie.app.p2p.internal;

import static fr.vigie.app.storage.Timestamps.utc;

import fr.vigie.app.p2p.Provenance;
import fr.vigie.app.p2p.Sensor;
import fr.vigie.app.p2p.StoredObservation;
import fr.vigie.app.p2p.WatchEntry;
import fr.vigie.app.storage.Timestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** SQL over the {@code p2p_*} tables (V22). */
@Repository
public class JdbcP2p {

  private final JdbcClient jdbc;

  JdbcP2p(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  // ------------------------------------------------------------------ sensors

  public Optional<Long> insertSensor(String name, String publicKey, String by, Instant at) {
    boolean taken = jdbc.sql("select count(*) from p2p_sensors where name = ? or public_key = ?")
        .params(name, publicKey).query(Long.class).single() > 0;
    if (taken) {
      return Optional.empty();
    }
    var keys = new GeneratedKeyHolder();
    jdbc.sql("""
        insert into p2p_sensors (name, public_key, created_by, created_at) values (?, ?, ?, ?)
        """).params(name, publicKey, by, utc(at)).update(keys, "id");
    return Optional.of(keys.getKey().longValue());
  }

  public Optional<Sensor> sensorByName(String name) {
    return jdbc.sql("select * from p2p_sensors where name = ?").param(name)
        .query(JdbcP2p::sensor).optional();
  }

  public List<Sensor> sensors() {
    return jdbc.sql("select * from p2p_sensors order by name").query(JdbcP2p::sensor).list();
  }

  private static Sensor sensor(ResultSet rs, int n) throws SQLException {
    return new Sensor(rs.getLong("id"), rs.getString("name"), rs.getString("public_key"),
        rs.getString("created_by"), Timestamps.instant(rs, "created_at"));
  }

  // ------------------------------------------------------------------ watchlist

  public long insertEntry(String infohash, byte[] torrent, String magnet, String displayName,
      Provenance provenance, String by, Instant at) {
    var keys = new GeneratedKeyHolder();
    jdbc.sql("""
        insert into p2p_watch_entries (infohash, torrent, magnet, display_name, provenance_kind,
          provenance_ref, added_by, added_at, active)
        values (?, ?, ?, ?, ?, ?, ?, ?, true)
        """).params(infohash, torrent, magnet, displayName, provenance.kind().name(),
            provenance.ref(), by, utc(at)).update(keys, "id");
    return keys.getKey().longValue();
  }

  private static final String ENTRY = """
      select id, infohash, torrent is not null as has_torrent, magnet, display_name,
             provenance_kind, provenance_ref, added_by, added_at, active
      from p2p_watch_entries
      """;

  public Optional<WatchEntry> entryByInfohash(String infohash) {
    return jdbc.sql(ENTRY + " where infohash = ?").param(infohash).query(JdbcP2p::entry)
        .optional();
  }

  public Optional<WatchEntry> entry(long id) {
    return jdbc.sql(ENTRY + " where id = ?").param(id).query(JdbcP2p::entry).optional();
  }

  public List<WatchEntry> entries(boolean activeOnly) {
    return jdbc.sql(ENTRY + (activeOnly ? " where active" : "") + " order by id")
        .query(JdbcP2p::entry).list();
  }

  /** Sets an entry's state; false when there is no such entry or it already was. */
  public boolean setActive(long entryId, boolean active) {
    return jdbc.sql("update p2p_watch_entries set active = ? where id = ? and active <> ?")
        .params(active, entryId, active).update() == 1;
  }

  public Optional<byte[]> torrent(long entryId) {
    return jdbc.sql("select torrent from p2p_watch_entries where id = ? and torrent is not null")
        .param(entryId).query((rs, n) -> rs.getBytes(1)).optional();
  }

  private static WatchEntry entry(ResultSet rs, int n) throws SQLException {
    return new WatchEntry(rs.getLong("id"), rs.getString("infohash"),
        rs.getBoolean("has_torrent"), Optional.ofNullable(rs.getString("magnet")),
        Optional.ofNullable(rs.getString("display_name")),
        new Provenance(Provenance.Kind.valueOf(rs.getString("provenance_kind")),
            rs.getString("provenance_ref")),
        rs.getString("added_by"), Timestamps.instant(rs, "added_at"), rs.getBoolean("active"));
  }

  // ------------------------------------------------------------------ observations

  /** What is inserted for one observation. */
  public record NewObservation(long entryId, long sensorId, String leadSource, String remoteIp,
      int remotePort, int family, String localIp, Integer localPort, Instant startedAt,
      Instant connectedAt, Instant handshakeAt, Instant lastMessageAt, Long clockOffsetMs,
      String timeSource, String peerId, String client, byte[] extensionHandshake,
      int piecesHeld, int piecesTotal, String outcome, String outcomeDetail, long uploadedBytes,
      String sensorVersion, String signedText, String signedSha256, String signature,
      Instant receivedAt, List<StoredObservation.Piece> pieces) {}

  /** The id of the observation whose signed text has this SHA-256, if stored. */
  public Optional<Long> observationBySignedSha256(String sha) {
    return jdbc.sql("select id from p2p_observations where signed_sha256 = ?").param(sha)
        .query(Long.class).optional();
  }

  /** Inserts the observation and its pieces; empty when the same signed text is stored. */
  public Optional<Long> insertObservation(NewObservation o) {
    var keys = new GeneratedKeyHolder();
    int rows = jdbc.sql("""
        insert into p2p_observations (watch_entry_id, sensor_id, lead_source, remote_ip,
          remote_port, address_family, local_ip, local_port, started_at, connected_at,
          handshake_at, last_message_at, clock_offset_ms, time_source, peer_id, client,
          extension_handshake, pieces_held, pieces_total, outcome, outcome_detail,
          uploaded_bytes, sensor_version, signed_text, signed_sha256, signature, received_at,
          signature_valid)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
          true)
        on conflict (signed_sha256) do nothing
        """)
        .params(o.entryId(), o.sensorId(), o.leadSource(), o.remoteIp(), o.remotePort(),
            o.family(), o.localIp(), o.localPort(), utc(o.startedAt()), utc(o.connectedAt()),
            utc(o.handshakeAt()), utc(o.lastMessageAt()), o.clockOffsetMs(), o.timeSource(),
            o.peerId(), o.client(), o.extensionHandshake(), o.piecesHeld(), o.piecesTotal(),
            o.outcome(), o.outcomeDetail(), o.uploadedBytes(), o.sensorVersion(), o.signedText(),
            o.signedSha256(), o.signature(), utc(o.receivedAt()))
        .update(keys, "id");
    if (rows == 0) {
      return Optional.empty();
    }
    long id = keys.getKey().longValue();
    for (StoredObservation.Piece p : o.pieces()) {
      jdbc.sql("""
          insert into p2p_observation_pieces (observation_id, piece_index, sha1, verified)
          values (?, ?, ?, ?) on conflict do nothing
          """).params(id, p.index(), p.sha1(), p.verified()).update();
    }
    return Optional.of(id);
  }

  /** Ties a piece's bytes, kept in the media store under their SHA-256, to its row. */
  public void keepPiece(long observationId, int index, String contentSha256, String contentMd5,
      int size) {
    jdbc.sql("""
        update p2p_observation_pieces set content_sha256 = ?, content_md5 = ?, content_bytes = ?
        where observation_id = ? and piece_index = ?
        """).params(contentSha256, contentMd5, size, observationId, index).update();
  }

  /** The pieces of an observation whose bytes are kept: index, SHA-1, SHA-256, size. */
  public List<KeptPieceRow> keptPieces(long observationId) {
    return jdbc.sql("""
        select piece_index, sha1, content_sha256, content_md5, content_bytes
        from p2p_observation_pieces
        where observation_id = ? and content_sha256 is not null order by piece_index
        """).param(observationId).query((r, i) -> new KeptPieceRow(r.getInt(1), r.getString(2),
            r.getString(3), r.getString(4), r.getInt(5))).list();
  }

  /** A piece whose bytes are kept. */
  public record KeptPieceRow(int index, String sha1, String contentSha256, String contentMd5,
      int size) {}

  public void setIpEvent(long observationId, long ipEventId) {
    jdbc.sql("update p2p_observations set ip_event_id = ? where id = ?")
        .params(ipEventId, observationId).update();
  }

  private static final String OBSERVATION = """
      select o.*, e.infohash, s.name as sensor_name
      from p2p_observations o
      join p2p_watch_entries e on e.id = o.watch_entry_id
      join p2p_sensors s on s.id = o.sensor_id
      """;

  public Optional<StoredObservation> observation(long id) {
    return jdbc.sql(OBSERVATION + " where o.id = ?").param(id).query(this::mapObservation)
        .optional();
  }

  /** The observations of one entry, latest first, at most {@code limit}. */
  public List<StoredObservation> observationsOf(long entryId, int limit) {
    return jdbc.sql(OBSERVATION + " where o.watch_entry_id = ? order by o.started_at desc, o.id"
        + " desc fetch first " + limit + " rows only").param(entryId).query(this::mapObservation)
        .list();
  }

  /** The observations that became these IP events. */
  public List<StoredObservation> observationsOfIpEvents(List<Long> ipEventIds) {
    if (ipEventIds.isEmpty()) {
      return List.of();
    }
    return jdbc.sql(OBSERVATION + " where o.ip_event_id in (:ids) order by o.started_at desc")
        .param("ids", ipEventIds).query(this::mapObservation).list();
  }

  private StoredObservation mapObservation(ResultSet rs, int n) throws SQLException {
    long id = rs.getLong("id");
    List<StoredObservation.Piece> pieces = jdbc.sql("""
        select piece_index, sha1, verified from p2p_observation_pieces
        where observation_id = ? order by piece_index
        """).param(id).query((r, i) -> new StoredObservation.Piece(r.getInt(1), r.getString(2),
            r.getBoolean(3))).list();
    byte[] ext = rs.getBytes("extension_handshake");
    return new StoredObservation(id, rs.getLong("watch_entry_id"), rs.getString("infohash"),
        rs.getString("sensor_name"), rs.getString("lead_source"), rs.getString("remote_ip"),
        rs.getInt("remote_port"), rs.getInt("address_family"),
        Optional.ofNullable(rs.getString("local_ip")), optInt(rs, "local_port"),
        Timestamps.instant(rs, "started_at"),
        Optional.ofNullable(Timestamps.instant(rs, "connected_at")),
        Optional.ofNullable(Timestamps.instant(rs, "handshake_at")),
        Optional.ofNullable(Timestamps.instant(rs, "last_message_at")),
        optLong(rs, "clock_offset_ms"), Optional.ofNullable(rs.getString("time_source")),
        Optional.ofNullable(rs.getString("peer_id")), Optional.ofNullable(rs.getString("client")),
        Optional.ofNullable(ext).map(b -> Base64.getEncoder().encodeToString(b)),
        rs.getInt("pieces_held"), rs.getInt("pieces_total"), rs.getString("outcome"),
        rs.getString("outcome_detail"), rs.getLong("uploaded_bytes"),
        Optional.ofNullable(rs.getString("sensor_version")), rs.getString("signed_text"),
        rs.getString("signature"), Timestamps.instant(rs, "received_at"),
        rs.getBoolean("signature_valid"), optLong(rs, "ip_event_id"), pieces);
  }

  private static Optional<Integer> optInt(ResultSet rs, String c) throws SQLException {
    int v = rs.getInt(c);
    return rs.wasNull() ? Optional.empty() : Optional.of(v);
  }

  private static Optional<Long> optLong(ResultSet rs, String c) throws SQLException {
    long v = rs.getLong(c);
    return rs.wasNull() ? Optional.empty() : Optional.of(v);
  }

  /** A peer of an entry that became an IP event. */
  public record PeerEvent(long entryId, String ip, int port, long ipEventId) {}

  /** Every observation that became an IP event, or those of one entry. */
  public List<PeerEvent> peerEvents(Long entryId) {
    return jdbc.sql("""
        select watch_entry_id, remote_ip, remote_port, ip_event_id from p2p_observations
        where ip_event_id is not null
          and (cast(:entry as bigint) is null or watch_entry_id = :entry)
        """).param("entry", entryId).query((rs, n) -> new PeerEvent(rs.getLong(1),
            rs.getString(2), rs.getInt(3), rs.getLong(4))).list();
  }

  // ------------------------------------------------------------------ counts

  /** Distinct peers (ip, port): leads contacted, connected, verified. */
  public record Counts(long leads, long connected, long verified) {}

  private static final String COUNTS = """
      count(distinct (remote_ip, remote_port)) as leads,
      count(distinct case when connected_at is not null then remote_ip || ' ' || remote_port end)
        as connected,
      count(distinct case when outcome = 'verified' then remote_ip || ' ' || remote_port end)
        as verified
      """;

  /** Per entry id. */
  public Map<Long, Counts> countsByEntry() {
    Map<Long, Counts> out = new TreeMap<>();
    jdbc.sql("select watch_entry_id, " + COUNTS + " from p2p_observations group by watch_entry_id")
        .query(rs -> {
          out.put(rs.getLong("watch_entry_id"), new Counts(rs.getLong("leads"),
              rs.getLong("connected"), rs.getLong("verified")));
        });
    return out;
  }

  /** One entry's counts per UTC day, latest first. */
  public Map<LocalDate, Counts> countsByDay(long entryId) {
    Map<LocalDate, Counts> out = new TreeMap<>(java.util.Comparator.reverseOrder());
    jdbc.sql("select cast(started_at at time zone 'UTC' as date) as day, " + COUNTS
        + " from p2p_observations where watch_entry_id = ? group by day").param(entryId)
        .query(rs -> {
          out.put(rs.getObject("day", LocalDate.class), new Counts(rs.getLong("leads"),
              rs.getLong("connected"), rs.getLong("verified")));
        });
    return out;
  }
}
