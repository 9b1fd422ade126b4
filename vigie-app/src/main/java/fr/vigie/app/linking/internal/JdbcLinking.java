package fr.vigie.app.linking.internal;

import static fr.vigie.app.storage.Timestamps.utc;

import fr.vigie.app.linking.FellegiSunter.Traits;
import fr.vigie.app.linking.LinkGraph;
import fr.vigie.app.linking.LinkKeys;
import fr.vigie.app.storage.Timestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * SQL of linking: reading the records (all of them streamed, or those of a few reports and
 * identifiers), the analysts' decisions, the current suspects, and writing the outcome in batches.
 */
@Repository
public class JdbcLinking {

  static final int CHUNK = 500;

  private static final String PERSON_COLUMNS = """
      p.id as person_id, p.report_id, r.received_at, p.first_name, p.last_name,
      p.date_of_birth, p.address, p.postal_code, i.kind, i.platform, i.canonical_key
      """;
  private static final String PERSON_FROM = """
      from report_persons p join reports r on r.id = p.report_id
      left join reported_identifiers i on i.person_id = p.id
      where p.role = 'REPORTED' and r.status <> 'SUPERSEDED'
      """;
  private static final String SUBSCRIBER_COLUMNS = """
      s.id, s.first_name, s.last_name, s.full_name, s.date_of_birth, s.address, s.postal_code,
      s.departement_code, e.report_id, a.received_at
      """;
  private static final String SUBSCRIBER_FROM = """
      from subscribers s join requisition_items ri on ri.id = s.requisition_item_id
      join ip_events e on e.id = ri.ip_event_id
      join requisition_answers a on a.id = s.answer_id
      where s.outcome = 'IDENTIFIED'
      """;

  private final JdbcClient jdbc;
  private final JdbcTemplate streaming;

  JdbcLinking(JdbcClient jdbc, DataSource dataSource) {
    this.jdbc = jdbc;
    this.streaming = new JdbcTemplate(dataSource);
    this.streaming.setFetchSize(5000);
  }

  // ------------------------------------------------------------------ lock and counter

  /** Takes the linking lock (one linker at a time, whatever the node) until the commit. */
  public long lockAndReadCounter() {
    return jdbc.sql("select next_reference from linking_state where id = 1 for update")
        .query(Long.class).single();
  }

  public void finishRun(long nextReference, String kind, Instant at) {
    jdbc.sql("""
        update linking_state set next_reference = ?, last_run_at = ?, last_run_kind = ?
        where id = 1
        """).params(nextReference, utc(at), kind).update();
  }

  // ------------------------------------------------------------------ reading records

  /**
   * Reads every current reported person with its identifiers: persons first, then identifiers
   * joined to them in memory, which spares the database a sort of every identifier.
   */
  public void streamPersons(Consumer<LinkGraph.PersonRecord> sink) {
    record Person(long reportId, Instant seenAt, Traits traits, List<String> keys) {}
    Map<Long, Person> persons = new HashMap<>();
    streaming.query("""
        select p.id, p.report_id, r.received_at, p.first_name, p.last_name, p.date_of_birth,
          p.address, p.postal_code
        from report_persons p join reports r on r.id = p.report_id
        where p.role = 'REPORTED' and r.status <> 'SUPERSEDED'
        """, rs -> {
          persons.put(rs.getLong(1), new Person(rs.getLong(2),
              Timestamps.instant(rs, "received_at"), new Traits(rs.getString(4),
                  rs.getString(5), rs.getObject(6, LocalDate.class), rs.getString(7),
                  rs.getString(8)), new ArrayList<>(4)));
        });
    streaming.query("""
        select person_id, kind, platform, canonical_key from reported_identifiers
        where person_id is not null
        """, rs -> {
          Person p = persons.get(rs.getLong(1));
          if (p != null) {
            p.keys().add(LinkKeys.reported(rs.getString(2), rs.getString(3), rs.getString(4)));
          }
        });
    persons.forEach((id, p) -> sink.accept(new LinkGraph.PersonRecord(id, p.reportId(),
        p.seenAt(), p.keys(), p.traits(), false)));
  }

  public void streamSubscribers(Consumer<LinkGraph.SubscriberRecord> sink) {
    streaming.query("select " + SUBSCRIBER_COLUMNS + SUBSCRIBER_FROM,
        rs -> { sink.accept(subscriber(rs, false)); });
  }

  /** The reported persons of these reports (current versions only). */
  public List<LinkGraph.PersonRecord> personsOfReports(Collection<Long> reports) {
    List<LinkGraph.PersonRecord> out = new ArrayList<>();
    for (List<Long> chunk : chunks(reports)) {
      PersonGrouper grouper = new PersonGrouper(out::add, false);
      streaming.query("select " + PERSON_COLUMNS + PERSON_FROM
          + " and p.report_id in (" + marks(chunk.size()) + ") order by p.id", grouper::row,
          chunk.toArray());
      grouper.flush();
    }
    return out;
  }

  /** Reported persons whose postal code or year of birth puts them in one of these blocks. */
  public List<LinkGraph.PersonRecord> personsInBlocks(Collection<String> postalCodes,
      Collection<Integer> years) {
    List<LinkGraph.PersonRecord> out = new ArrayList<>();
    for (List<String> chunk : chunks(postalCodes)) {
      PersonGrouper grouper = new PersonGrouper(out::add, true);
      streaming.query("select " + PERSON_COLUMNS + PERSON_FROM + " and p.postal_code in ("
          + marks(chunk.size()) + ") order by p.id", grouper::row, chunk.toArray());
      grouper.flush();
    }
    for (int year : years) {
      PersonGrouper grouper = new PersonGrouper(out::add, true);
      streaming.query("select " + PERSON_COLUMNS + PERSON_FROM
          + " and p.date_of_birth between ? and ? order by p.id", grouper::row,
          LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31));
      grouper.flush();
    }
    return out;
  }

  public List<LinkGraph.SubscriberRecord> subscribersOfReports(Collection<Long> reports) {
    List<LinkGraph.SubscriberRecord> out = new ArrayList<>();
    for (List<Long> chunk : chunks(reports)) {
      streaming.query("select " + SUBSCRIBER_COLUMNS + SUBSCRIBER_FROM + " and e.report_id in ("
          + marks(chunk.size()) + ")", rs -> { out.add(subscriber(rs, false)); },
          chunk.toArray());
    }
    return out;
  }

  public List<LinkGraph.SubscriberRecord> subscribersInBlocks(Collection<String> postalCodes,
      Collection<Integer> years) {
    List<LinkGraph.SubscriberRecord> out = new ArrayList<>();
    for (List<String> chunk : chunks(postalCodes)) {
      streaming.query("select " + SUBSCRIBER_COLUMNS + SUBSCRIBER_FROM + " and s.postal_code in ("
          + marks(chunk.size()) + ")", rs -> { out.add(subscriber(rs, true)); },
          chunk.toArray());
    }
    for (int year : years) {
      streaming.query("select " + SUBSCRIBER_COLUMNS + SUBSCRIBER_FROM
          + " and s.date_of_birth between ? and ?", rs -> { out.add(subscriber(rs, true)); },
          LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31));
    }
    return out;
  }

  /** Reports (current versions) whose reported persons name one of these identifiers. */
  public Set<Long> reportsNaming(Collection<String> nodeKeys) {
    Set<Long> out = new HashSet<>();
    Map<String, List<String>> byKind = new HashMap<>();
    Set<String> wanted = new HashSet<>(nodeKeys);
    for (String k : nodeKeys) {
      if (!LinkKeys.SUBSCRIBER.equals(LinkKeys.kindOf(k))) {
        byKind.computeIfAbsent(LinkKeys.kindOf(k), x -> new ArrayList<>())
            .add(LinkKeys.intakeKeyOf(k));
      }
    }
    for (Map.Entry<String, List<Object>> group : byKindGroups(byKind).entrySet()) {
      streaming.query("""
          select i.kind, i.platform, i.canonical_key, p.report_id
          from reported_identifiers i join report_persons p on p.id = i.person_id
          join reports r on r.id = p.report_id
          where p.role = 'REPORTED' and r.status <> 'SUPERSEDED' and (%s)
          """.formatted(group.getKey().replace("KIND", "i.kind").replace("KEY", "i.canonical_key")),
          rs -> {
            String node = LinkKeys.reported(rs.getString(1), rs.getString(2), rs.getString(3));
            if (wanted.contains(node)) {
              out.add(rs.getLong(4));
            }
          }, group.getValue().toArray());
    }
    List<String> subs = nodeKeys.stream()
        .filter(k -> LinkKeys.SUBSCRIBER.equals(LinkKeys.kindOf(k))).toList();
    for (List<String> chunk : chunks(subs)) {
      streaming.query("select report_id from subscriber_link_keys where node_key in ("
          + marks(chunk.size()) + ")", rs -> { out.add(rs.getLong(1)); }, chunk.toArray());
    }
    return out;
  }

  /** The reports of an import run, and the older versions they superseded. */
  public Set<Long> reportsOfImport(long importJobId) {
    Set<Long> out = new HashSet<>(jdbc.sql("""
        select r.id from reports r where r.import_job_id = ?
        union
        select o.id from reports r join reports o on o.source_id = r.source_id
          and o.external_id = r.external_id and o.id <> r.id
        where r.import_job_id = ?
        """).params(importJobId, importJobId).query(Long.class).list());
    return out;
  }

  /** Every identifier any version of these reports named (to drop the superseded ones' keys). */
  public Set<String> keysNamedBy(Collection<Long> reports) {
    Set<String> out = new HashSet<>();
    for (List<Long> chunk : chunks(reports)) {
      streaming.query("""
          select i.kind, i.platform, i.canonical_key from reported_identifiers i
          join report_persons p on p.id = i.person_id
          where p.role = 'REPORTED' and i.report_id in (%s)
          """.formatted(marks(chunk.size())),
          rs -> { out.add(LinkKeys.reported(rs.getString(1), rs.getString(2),
              rs.getString(3))); }, chunk.toArray());
    }
    return out;
  }

  /** The reports whose IP events one operator's answer covers. */
  public Set<Long> reportsOfAnswer(long answerId) {
    return new HashSet<>(jdbc.sql("""
        select distinct e.report_id from subscribers s
        join requisition_items ri on ri.id = s.requisition_item_id
        join ip_events e on e.id = ri.ip_event_id where s.answer_id = ?
        """).param(answerId).query(Long.class).list());
  }

  // ------------------------------------------------------------------ current suspects

  /** Where an identifier stands now. */
  public record Membership(long identifierId, long suspectId, boolean linked) {}

  /** The current suspect of each of these identifiers (those that have one). */
  public Map<String, Membership> memberships(Collection<String> nodeKeys) {
    Map<String, Membership> out = new HashMap<>();
    Map<String, List<String>> byKind = new HashMap<>();
    for (String k : nodeKeys) {
      byKind.computeIfAbsent(LinkKeys.kindOf(k), x -> new ArrayList<>()).add(LinkKeys.valueOf(k));
    }
    for (Map.Entry<String, List<Object>> group : byKindGroups(byKind).entrySet()) {
      streaming.query("""
          select si.id, si.kind, si.canonical_key, si.suspect_id, s.linked
          from suspect_identifiers si join suspects s on s.id = si.suspect_id
          where %s
          """.formatted(group.getKey().replace("KIND", "si.kind")
              .replace("KEY", "si.canonical_key")),
          rs -> { out.put(rs.getString(2) + "|" + rs.getString(3), membership(rs)); },
          group.getValue().toArray());
    }
    return out;
  }

  /** Every identifier of these suspects with its membership. */
  public Map<String, Membership> identifiersOfSuspects(Collection<Long> suspects) {
    Map<String, Membership> out = new HashMap<>();
    for (List<Long> chunk : chunks(suspects)) {
      streaming.query("""
          select si.id, si.kind, si.canonical_key, si.suspect_id, s.linked
          from suspect_identifiers si join suspects s on s.id = si.suspect_id
          where si.suspect_id in (%s)
          """.formatted(marks(chunk.size())),
          rs -> { out.put(rs.getString(2) + "|" + rs.getString(3), membership(rs)); },
          chunk.toArray());
    }
    return out;
  }

  /** Every identifier of every suspect (a rebuild). */
  public Map<String, Membership> allMemberships() {
    Map<String, Membership> out = new HashMap<>();
    streaming.query("""
        select si.id, si.kind, si.canonical_key, si.suspect_id, s.linked
        from suspect_identifiers si join suspects s on s.id = si.suspect_id
        """, rs -> { out.put(rs.getString(2) + "|" + rs.getString(3), membership(rs)); });
    return out;
  }

  /**
   * One query per 500 values whatever their kinds: "(KIND = ? and KEY in (...)) or ..." with its
   * arguments, so that an incremental run makes few round trips.
   */
  static Map<String, List<Object>> byKindGroups(Map<String, List<String>> byKind) {
    List<String[]> pairs = new ArrayList<>();
    byKind.forEach((kind, values) -> new HashSet<>(values)
        .forEach(v -> pairs.add(new String[] {kind, v})));
    Map<String, List<Object>> out = new LinkedHashMap<>();
    for (int from = 0; from < pairs.size(); from += CHUNK) {
      Map<String, List<String>> chunk = new LinkedHashMap<>();
      for (String[] p : pairs.subList(from, Math.min(pairs.size(), from + CHUNK))) {
        chunk.computeIfAbsent(p[0], k -> new ArrayList<>()).add(p[1]);
      }
      List<String> clauses = new ArrayList<>();
      List<Object> args = new ArrayList<>();
      chunk.forEach((kind, values) -> {
        clauses.add("(KIND = ? and KEY in (" + marks(values.size()) + "))");
        args.add(kind);
        args.addAll(values);
      });
      // Distinct SQL texts per chunk: the map key is the SQL, so two chunks never collide.
      out.put(String.join(" or ", clauses) + " ".repeat(from / CHUNK), args);
    }
    return out;
  }

  private static Membership membership(ResultSet rs) throws SQLException {
    return new Membership(rs.getLong(1), rs.getLong(4), rs.getBoolean(5));
  }

  /** Département code → responsible unit id. */
  public Map<String, Long> unitsByDepartement() {
    Map<String, Long> out = new HashMap<>();
    jdbc.sql("select code, unit_id from departements")
        .query(rs -> { out.put(rs.getString(1), rs.getLong(2)); });
    return out;
  }

  // ------------------------------------------------------------------ decisions

  public List<LinkGraph.Merge> merges() {
    return jdbc.sql("""
        select id, decided_at, identifier_keys, decided_by from suspect_decisions
        where kind = 'MERGE' order by id
        """).query((rs, n) -> {
          Map<String, List<String>> sides = sides(rs.getString("identifier_keys"));
          return new LinkGraph.Merge(rs.getLong("id"), Timestamps.instant(rs, "decided_at"),
              sides.getOrDefault("A", List.of()), sides.getOrDefault("B", List.of()),
              rs.getString("decided_by"));
        }).list();
  }

  public List<LinkGraph.Split> splits() {
    return jdbc.sql("""
        select id, decided_at, identifier_keys from suspect_decisions
        where kind = 'SPLIT' order by id
        """).query((rs, n) -> {
          Map<String, List<String>> sides = sides(rs.getString("identifier_keys"));
          return new LinkGraph.Split(rs.getLong("id"), Timestamps.instant(rs, "decided_at"),
              Set.copyOf(sides.getOrDefault("OUT", List.of())),
              Set.copyOf(sides.getOrDefault("REST", List.of())));
        }).list();
  }

  public List<LinkGraph.Verdict> verdicts() {
    return jdbc.sql("""
        select id, decided_at, from_key, to_key, verdict, weight, evidence_type, evidence_id,
          decided_by
        from link_decisions order by id
        """).query((rs, n) -> new LinkGraph.Verdict(rs.getLong("id"),
            Timestamps.instant(rs, "decided_at"), rs.getString("from_key"),
            rs.getString("to_key"), "CONFIRMED".equals(rs.getString("verdict")),
            rs.getDouble("weight"), rs.getString("evidence_type"), rs.getLong("evidence_id"),
            rs.getString("decided_by"))).list();
  }

  /** {@code identifier_keys} of a decision: one line per side, "SIDE\tkey\tkey...". */
  static Map<String, List<String>> sides(String text) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (text == null) {
      return out;
    }
    for (String line : text.split("\n")) {
      String[] parts = line.split("\t");
      if (parts.length > 1) {
        out.put(parts[0], List.of(parts).subList(1, parts.length));
      }
    }
    return out;
  }

  public static String sidesText(String sideA, Collection<String> a, String sideB,
      Collection<String> b) {
    return sideA + "\t" + String.join("\t", a) + "\n" + sideB + "\t" + String.join("\t", b);
  }

  public long insertDecision(String kind, long suspectId, Long otherId, String keys,
      String reason, String by, Instant at) {
    var holder = new org.springframework.jdbc.support.GeneratedKeyHolder();
    jdbc.sql("""
        insert into suspect_decisions (kind, suspect_id, other_id, identifier_keys, reason,
          decided_by, decided_at) values (?, ?, ?, ?, ?, ?, ?)
        """).params(kind, suspectId, otherId, keys, reason, by, utc(at)).update(holder, "id");
    return holder.getKey().longValue();
  }

  public void insertVerdict(LinkGraph.Link link, boolean confirmed, String reason, String by,
      Instant at) {
    jdbc.sql("""
        insert into link_decisions (from_key, to_key, verdict, weight, evidence_type,
          evidence_id, reason, decided_by, decided_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)
        """).params(link.from(), link.to(), confirmed ? "CONFIRMED" : "REJECTED", link.weight(),
            link.evidenceType(), link.evidenceId(), reason, by, utc(at)).update();
  }

  /** A stored link with its two ends as node keys. */
  public java.util.Optional<LinkGraph.Link> link(long linkId) {
    return jdbc.sql("""
        select f.kind as fk, f.canonical_key as fv, t.kind as tk, t.canonical_key as tv, l.rule,
          l.kind, l.weight, l.status, l.evidence_type, l.evidence_id, l.suspect_id
        from links l join suspect_identifiers f on f.id = l.from_identifier
        join suspect_identifiers t on t.id = l.to_identifier where l.id = ?
        """).param(linkId).query((rs, n) -> new LinkGraph.Link(
            rs.getString("fk") + "|" + rs.getString("fv"),
            rs.getString("tk") + "|" + rs.getString("tv"), rs.getString("rule"),
            rs.getString("kind"), rs.getDouble("weight"), rs.getString("status"),
            rs.getString("evidence_type"), rs.getLong("evidence_id"), null, null)).optional();
  }

  /** The suspects a link touches (its own, and the other end's). */
  public List<Long> suspectsOfLink(long linkId) {
    return jdbc.sql("""
        select f.suspect_id from links l join suspect_identifiers f on f.id = l.from_identifier
        where l.id = ?
        union
        select t.suspect_id from links l join suspect_identifiers t on t.id = l.to_identifier
        where l.id = ?
        """).params(linkId, linkId).query(Long.class).list();
  }

  public java.util.Optional<Long> suspectByReference(String reference) {
    return jdbc.sql("select id from suspects where reference = ?").param(reference.strip())
        .query(Long.class).optional();
  }

  /** The node keys of a suspect's identifiers. */
  public List<String> keysOf(long suspectId) {
    return jdbc.sql("""
        select kind, canonical_key from suspect_identifiers where suspect_id = ?
        order by kind, canonical_key
        """).param(suspectId).query((rs, n) -> rs.getString(1) + "|" + rs.getString(2)).list();
  }

  // ------------------------------------------------------------------ writing

  /** A suspect to create. */
  public record NewSuspect(String reference, String displayName, Long unitId,
      String departementCode, Instant at) {}

  /** Inserts the suspects and returns reference → id. */
  public Map<String, Long> insertSuspects(List<NewSuspect> suspects) {
    Map<String, Long> ids = new HashMap<>();
    List<Object[]> rows = suspects.stream().map(s -> new Object[] {s.reference(),
        s.displayName(), s.unitId(), s.departementCode(), "ACTIVE", true, utc(s.at()),
        utc(s.at())}).toList();
    insertRows("suspects (reference, display_name, unit_id, departement_code, status, linked,"
        + " created_at, updated_at)", rows);
    if (suspects.isEmpty()) {
      return ids;
    }
    // References are made in ascending order from one counter: one range reads them all back.
    Set<String> wanted = new HashSet<>();
    suspects.forEach(s -> wanted.add(s.reference()));
    streaming.query("select reference, id from suspects where reference between ? and ?",
        rs -> {
          if (wanted.contains(rs.getString(1))) {
            ids.put(rs.getString(1), rs.getLong(2));
          }
        }, suspects.getFirst().reference(), suspects.getLast().reference());
    return ids;
  }

  /**
   * What linking sets on a suspect, as one comparable string per id (name, unit, département,
   * status): a rebuild updates only the suspects whose string changes.
   */
  public Map<Long, String> suspectStates(Collection<Long> ids, boolean all) {
    Map<Long, String> out = new HashMap<>();
    String columns = "select id, display_name, unit_id, departement_code, status from suspects";
    if (all) {
      streaming.query(columns, rs -> { out.put(rs.getLong(1), state(rs)); });
    } else {
      for (List<Long> chunk : chunks(ids)) {
        streaming.query(columns + " where id in (" + marks(chunk.size()) + ")",
            rs -> { out.put(rs.getLong(1), state(rs)); }, chunk.toArray());
      }
    }
    return out;
  }

  private static String state(ResultSet rs) throws SQLException {
    long unit = rs.getLong(3);
    return state(rs.getString(2), rs.wasNull() ? null : unit, rs.getString(4),
        rs.getString(5));
  }

  public static String state(String name, Long unit, String departement, String status) {
    return name + "\t" + unit + "\t" + departement + "\t" + status;
  }

  public void updateSuspects(List<Object[]> rows) {
    batch("""
        update suspects set display_name = ?, unit_id = ?, departement_code = ?,
          status = 'ACTIVE', merged_into_id = null, updated_at = ? where id = ?
        """, rows);
  }

  public void updateSuspectsKeepingUnit(List<Object[]> rows) {
    batch("""
        update suspects set status = 'ACTIVE', merged_into_id = null, updated_at = ?
        where id = ?
        """, rows);
  }

  public void retireSuspects(List<Object[]> rows) {
    batch("""
        update suspects set status = ?, merged_into_id = ?, updated_at = ? where id = ?
        """, rows);
  }

  public void moveIdentifiers(List<Object[]> suspectAndId) {
    batch("update suspect_identifiers set suspect_id = ? where id = ?",
        suspectAndId);
  }

  public void insertIdentifiers(List<Object[]> rows) {
    insertRows("suspect_identifiers (suspect_id, kind, canonical_key, first_seen_at)", rows);
  }

  public void deleteIdentifiers(Collection<Long> ids) {
    for (List<Long> chunk : chunks(ids)) {
      streaming.update("delete from links where from_identifier in (" + marks(chunk.size())
          + ") or to_identifier in (" + marks(chunk.size()) + ")", concat(chunk));
      streaming.update("delete from suspect_identifiers where id in (" + marks(chunk.size())
          + ")", chunk.toArray());
    }
  }

  /** Every stored link, by {@link #linkKey}, with its id (a rebuild writes only the changes). */
  public Map<String, Long> allLinks() {
    Map<String, Long> out = new HashMap<>();
    streaming.query("""
        select id, suspect_id, from_identifier, to_identifier, rule, kind, weight, status,
          evidence_type, evidence_id, decided_by from links
        """, rs -> {
          out.put(linkKey(new Object[] {rs.getLong(2), rs.getLong(3), rs.getLong(4),
              rs.getString(5), rs.getString(6), rs.getDouble(7), rs.getString(8),
              rs.getString(9), rs.getLong(10), null, rs.getString(11)}), rs.getLong(1));
        });
    return out;
  }

  /** What makes two link rows the same (all but their times). */
  public static String linkKey(Object[] row) {
    return row[0] + "\t" + row[1] + "\t" + row[2] + "\t" + row[3] + "\t" + row[4] + "\t"
        + ((Number) row[5]).doubleValue() + "\t" + row[6] + "\t" + row[7] + "\t" + row[8]
        + "\t" + row[10];
  }

  public void deleteLinks(Collection<Long> ids) {
    for (List<Long> chunk : chunks(ids)) {
      streaming.update("delete from links where id in (" + marks(chunk.size()) + ")",
          chunk.toArray());
    }
  }

  public void deleteLinksOf(Collection<Long> identifierIds) {
    for (List<Long> chunk : chunks(identifierIds)) {
      streaming.update("delete from links where from_identifier in (" + marks(chunk.size())
          + ") or to_identifier in (" + marks(chunk.size()) + ")", concat(chunk));
    }
  }

  public void insertLinks(List<Object[]> rows) {
    insertRows("links (suspect_id, from_identifier, to_identifier, rule, kind, weight, status,"
        + " evidence_type, evidence_id, created_at, decided_by, decided_at)", rows);
  }

  public void replaceSubscriberKeys(boolean all, Map<Long, Object[]> rows) {
    if (all) {
      jdbc.sql("delete from subscriber_link_keys").update();
    } else {
      for (List<Long> chunk : chunks(rows.keySet())) {
        streaming.update("delete from subscriber_link_keys where subscriber_id in ("
            + marks(chunk.size()) + ")", chunk.toArray());
      }
    }
    insertRows("subscriber_link_keys (subscriber_id, node_key, report_id)",
        new ArrayList<>(rows.values()));
  }

  /** Bulk insert with PostgreSQL's COPY: an order of magnitude faster than any INSERT. */
  private void insertRows(String table, List<Object[]> rows) {
    if (rows.isEmpty()) {
      return;
    }
    streaming.execute((org.springframework.jdbc.core.ConnectionCallback<Void>) connection -> {
      var copy = connection.unwrap(org.postgresql.PGConnection.class).getCopyAPI();
      for (int from = 0; from < rows.size(); from += 20_000) {
        StringBuilder csv = new StringBuilder();
        for (Object[] row : rows.subList(from, Math.min(rows.size(), from + 20_000))) {
          csv(row, csv);
        }
        try {
          copy.copyIn("copy " + table + " from stdin with (format csv)",
              new java.io.StringReader(csv.toString()));
        } catch (java.io.IOException e) {
          throw new SQLException(e);
        }
      }
      return null;
    });
  }

  /** One CSV line: NULL unquoted and empty, every other value quoted. */
  static void csv(Object[] row, StringBuilder out) {
    for (int i = 0; i < row.length; i++) {
      if (i > 0) {
        out.append(',');
      }
      Object v = row[i];
      if (v != null) {
        out.append('"').append(v.toString().replace("\"", "\"\"")).append('"');
      }
    }
    out.append('\n');
  }

  // ------------------------------------------------------------------ helpers

  private void batch(String sql, List<Object[]> rows) {
    for (int from = 0; from < rows.size(); from += 2000) {
      List<Object[]> chunk = rows.subList(from, Math.min(rows.size(), from + 2000));
      streaming.batchUpdate(sql, new org.springframework.jdbc.core.BatchPreparedStatementSetter() {
        @Override
        public void setValues(java.sql.PreparedStatement ps, int i) throws SQLException {
          setAll(ps, chunk.get(i));
        }

        @Override
        public int getBatchSize() {
          return chunk.size();
        }
      });
    }
  }

  /**
   * Sets the parameters, nulls as untyped SQL NULL: left to Spring, each null costs a call to
   * the driver's parameter metadata, a round trip to PostgreSQL per statement, which made bulk
   * writes ten times slower.
   */
  static void setAll(java.sql.PreparedStatement ps, Object[] values) throws SQLException {
    for (int i = 0; i < values.length; i++) {
      if (values[i] == null) {
        ps.setNull(i + 1, java.sql.Types.NULL);
      } else {
        ps.setObject(i + 1, values[i]);
      }
    }
  }

  private static Object[] concat(List<Long> chunk) {
    Object[] args = new Object[chunk.size() * 2];
    for (int i = 0; i < chunk.size(); i++) {
      args[i] = chunk.get(i);
      args[i + chunk.size()] = chunk.get(i);
    }
    return args;
  }

  static String marks(int n) {
    return String.join(",", java.util.Collections.nCopies(n, "?"));
  }

  static <T> List<List<T>> chunks(Collection<T> values) {
    List<T> list = new ArrayList<>(values);
    List<List<T>> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i += CHUNK) {
      out.add(list.subList(i, Math.min(list.size(), i + CHUNK)));
    }
    return out;
  }

  private static LinkGraph.SubscriberRecord subscriber(ResultSet rs, boolean external)
      throws SQLException {
    long id = rs.getLong("id");
    LocalDate dob = rs.getObject("date_of_birth", LocalDate.class);
    String last = rs.getString("last_name");
    String first = rs.getString("first_name");
    String full = rs.getString("full_name");
    String key = LinkKeys.subscriber(id, first, last, full, dob, rs.getString("address"),
        rs.getString("postal_code"));
    Traits traits = new Traits(first, last == null && first == null ? full : last, dob,
        rs.getString("address"), rs.getString("postal_code"));
    return new LinkGraph.SubscriberRecord(id, rs.getLong("report_id"),
        Timestamps.instant(rs, "received_at"), key, traits, rs.getString("departement_code"),
        external);
  }

  /** Folds the rows of one person (one per identifier) into one record. */
  private static final class PersonGrouper {
    private final Consumer<LinkGraph.PersonRecord> sink;
    private final boolean external;
    private long personId = -1;
    private long reportId;
    private Instant seenAt;
    private Traits traits;
    private List<String> keys = new ArrayList<>();

    PersonGrouper(Consumer<LinkGraph.PersonRecord> sink, boolean external) {
      this.sink = sink;
      this.external = external;
    }

    void row(ResultSet rs) throws SQLException {
      long id = rs.getLong("person_id");
      if (id != personId) {
        flush();
        personId = id;
        reportId = rs.getLong("report_id");
        seenAt = Timestamps.instant(rs, "received_at");
        traits = new Traits(rs.getString("first_name"), rs.getString("last_name"),
            rs.getObject("date_of_birth", LocalDate.class), rs.getString("address"),
            rs.getString("postal_code"));
      }
      String kind = rs.getString("kind");
      if (kind != null) {
        keys.add(LinkKeys.reported(kind, rs.getString("platform"), rs.getString("canonical_key")));
      }
    }

    void flush() {
      if (personId >= 0) {
        sink.accept(new LinkGraph.PersonRecord(personId, reportId, seenAt, List.copyOf(keys),
            traits, external));
      }
      personId = -1;
      keys = new ArrayList<>();
    }
  }
}
