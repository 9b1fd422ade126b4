package fr.vigie.app.operations.internal;

import static fr.vigie.app.storage.Timestamps.utc;

import fr.vigie.app.operations.Candidate;
import fr.vigie.app.operations.CandidateFilter;
import fr.vigie.app.operations.Operation;
import fr.vigie.app.operations.OperationDraft;
import fr.vigie.app.operations.Target;
import fr.vigie.app.security.Access;
import fr.vigie.app.storage.Timestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** SQL over {@code operations} and {@code targets}; reads for a caller carry the scope. */
@Repository
public class JdbcOperations {

  private static final String SELECT = """
      select t.id, o.code as operation_code, o.name as operation_name, o.planned_for,
             s.reference as suspect_reference, s.display_name as suspect_name, t.unit_id,
             u.code as unit_code, t.status, t.planned_at
      from targets t
        join operations o on o.id = t.operation_id
        join suspects s on s.id = t.suspect_id
        join units u on u.id = t.unit_id
      """;
  private static final String SCOPE = "(:national or t.unit_id = :unit)";

  private final JdbcClient jdbc;

  private final MessageSource messages;

  JdbcOperations(JdbcClient jdbc, MessageSource messages) {
    this.jdbc = jdbc;
    this.messages = messages;
  }

  public List<Target> findVisibleTargets(Access access) {
    return jdbc.sql(SELECT + " where " + SCOPE + " order by o.planned_for, u.code, s.reference")
        .param("national", access.national()).param("unit", access.unitOrNone())
        .query(JdbcOperations::target).list();
  }

  public Optional<Target> findVisibleTarget(Access access, long id) {
    return jdbc.sql(SELECT + " where t.id = :id and " + SCOPE)
        .param("id", id).param("national", access.national()).param("unit", access.unitOrNone())
        .query(JdbcOperations::target).optional();
  }

  /** Unscoped: only to record, in the audit log, where a refused id belongs. */
  public Optional<Target> findAnyTargetForAudit(long id) {
    return jdbc.sql(SELECT + " where t.id = :id").param("id", id)
        .query(JdbcOperations::target).optional();
  }

  public long insert(OperationDraft draft) {
    var keys = new GeneratedKeyHolder();
    jdbc.sql("""
        insert into operations (code, name, coordinating_unit_id, planned_for, status, created_by)
        values (:code, :name, (select id from units where code = :unit), :day, 'PLANNING', :by)
        """)
        .param("code", draft.code()).param("name", draft.name())
        .param("unit", draft.coordinatingUnitCode()).param("day", draft.plannedFor())
        .param("by", draft.createdBy())
        .update(keys, "id");
    long id = keys.getKey().longValue();
    for (OperationDraft.TargetDraft target : draft.targets()) {
      jdbc.sql("""
          insert into targets (operation_id, suspect_id, unit_id, status, planned_at)
          values (:operation, :suspect, (select id from units where code = :unit), 'PLANNED', :at)
          """)
          .param("operation", id).param("suspect", target.suspectId())
          .param("unit", target.unitCode()).param("at", utc(target.plannedAt()))
          .update();
    }
    return id;
  }

  // ------------------------------------------------------------------------- planning

  private static final String OPERATION = """
      select o.id, o.code, o.name, u.code as unit_code, o.planned_for, o.h_hour, o.status,
             o.created_by
      from operations o left join units u on u.id = o.coordinating_unit_id
      """;

  public List<Operation> operations() {
    return jdbc.sql(OPERATION + " order by o.planned_for desc nulls last, o.id desc")
        .query(JdbcOperations::operation).list();
  }

  public Optional<Operation> operation(long id) {
    return jdbc.sql(OPERATION + " where o.id = ?").param(id).query(JdbcOperations::operation)
        .optional();
  }

  public boolean referenceTaken(String reference) {
    return jdbc.sql("select count(*) from operations where code = ?").param(reference)
        .query(Long.class).single() > 0;
  }

  public long create(String reference, String title, String leadUnitCode, LocalDate day,
      LocalTime hour, String createdBy) {
    var keys = new GeneratedKeyHolder();
    jdbc.sql("""
        insert into operations (code, name, coordinating_unit_id, planned_for, h_hour, status,
                                created_by)
        values (:code, :name, (select id from units where code = :unit), :day, :hour, 'PLANNING',
                :by)
        """)
        .param("code", reference).param("name", title).param("unit", leadUnitCode)
        .param("day", day).param("hour", hour).param("by", createdBy)
        .update(keys, "id");
    return keys.getKey().longValue();
  }

  /**
   * The cases proposed as targets, and one case's facts: its first suspect (lowest id), the
   * case's unit, the département of the identified subscriber (else the suspect's), the
   * suspect's current effective tier, the newest report carrying one of the case's suspects'
   * identifiers, and whether an operator's answer identified a subscriber along the chain the
   * cases use (docs/cases.md, "Identified subscriber").
   */
  private static final String CANDIDATES = """
      with c as (
        select c.id as case_id, c.reference, c.title, c.status, c.unit_id, u.code as unit_code,
               (select min(cs.suspect_id) from case_suspects cs where cs.case_id = c.id)
                 as suspect_id
        from cases c left join units u on u.id = c.unit_id
        where %s
      ), evidence as (
        select c.case_id, max(r.received_at) as newest,
               bool_or(sb.id is not null) as identified,
               min(sb.departement_code) as subscriber_departement
        from c
          join case_suspects cs on cs.case_id = c.case_id
          join suspect_identifiers si on si.suspect_id = cs.suspect_id
          join reported_identifiers ri on ri.kind = si.kind and ri.canonical_key = si.canonical_key
          join reports r on r.id = ri.report_id
          left join ip_events e on e.report_id = r.id
          left join requisition_items qi on qi.ip_event_id = e.id
          left join subscribers sb on sb.requisition_item_id = qi.id and sb.outcome = 'IDENTIFIED'
        group by c.case_id
      )
      select * from (
        select c.case_id, c.reference, c.title, c.status, c.suspect_id,
               s.reference as suspect_reference, c.unit_id, c.unit_code,
               coalesce(ev.subscriber_departement, s.departement_code) as departement,
               (select ra.effective_tier from risk_assessments ra
                where ra.suspect_id = c.suspect_id and ra.current_version
                order by ra.id desc limit 1) as tier,
               ev.newest, coalesce(ev.identified, false) as identified
        from c join suspects s on s.id = c.suspect_id
          left join evidence ev on ev.case_id = c.case_id
      ) x
      where 1 = 1""";

  public List<Candidate> candidates(CandidateFilter f, Instant now) {
    StringBuilder sql = new StringBuilder(
        CANDIDATES.formatted("c.status = 'READY_FOR_ACTION'"));
    List<Object> params = new ArrayList<>();
    if (f.tier() != null) {
      sql.append(" and x.tier = ?");
      params.add(f.tier());
    }
    if (f.departement() != null) {
      sql.append(" and x.departement = ?");
      params.add(f.departement());
    }
    if (f.unitCode() != null) {
      sql.append(" and x.unit_code = ?");
      params.add(f.unitCode());
    }
    if (f.maxEvidenceDays() != null) {
      sql.append(" and x.newest >= ?");
      params.add(utc(now.minus(Duration.ofDays(f.maxEvidenceDays()))));
    }
    sql.append(" order by x.unit_code nulls last, x.tier nulls last, x.newest desc, x.case_id");
    return jdbc.sql(sql.toString()).params(params).query(JdbcOperations::candidate).list();
  }

  /** One case's facts as a candidate, whatever its status (null status: no such case). */
  public record CaseFacts(String status, Candidate candidate) {}

  public Optional<CaseFacts> caseFacts(long caseId) {
    return jdbc.sql(CANDIDATES.formatted("c.id = ?")).param(caseId)
        .query((rs, n) -> new CaseFacts(rs.getString("status"), candidate(rs, n))).optional();
  }

  /** Targets per unit in the operation (unit code → count). */
  public Map<String, Long> loadByUnit(long operationId) {
    Map<String, Long> load = new LinkedHashMap<>();
    jdbc.sql("""
        select u.code, count(*) from targets t join units u on u.id = t.unit_id
        where t.operation_id = ? group by u.code order by u.code
        """).param(operationId).query(rs -> {
          load.put(rs.getString(1), rs.getLong(2));
        });
    return load;
  }

  public List<Target> targetsOf(Access access, long operationId) {
    return jdbc.sql(SELECT + " where o.id = :op and " + SCOPE + " order by u.code, s.reference")
        .param("op", operationId).param("national", access.national())
        .param("unit", access.unitOrNone()).query(JdbcOperations::target).list();
  }

  public long addTarget(long operationId, Candidate c, Instant plannedAt) {
    var keys = new GeneratedKeyHolder();
    jdbc.sql("""
        insert into targets (operation_id, suspect_id, case_id, unit_id, status, planned_at)
        values (:op, :suspect, :case, :unit, 'PLANNED', :at)
        """).param("op", operationId).param("suspect", c.suspectId()).param("case", c.caseId())
        .param("unit", c.unitId()).param("at", utc(plannedAt)).update(keys, "id");
    return keys.getKey().longValue();
  }

  /** What a briefing pack says of one target, read in one pass per target. */
  public record BriefingTarget(long id, String suspectReference, String suspectName,
      String caseReference, Instant plannedAt, List<String> identities, List<String> risks,
      List<String> evidence, List<String> legalBases) {}

  /** The targets of a unit in an operation, by suspect reference, with what the pack says. */
  public List<BriefingTarget> briefing(long operationId, long unitId) {
    List<Object[]> targets = jdbc.sql("""
        select t.id, s.id as suspect_id, s.reference, s.display_name, c.reference as case_ref,
               t.planned_at
        from targets t join suspects s on s.id = t.suspect_id
          left join cases c on c.id = t.case_id
        where t.operation_id = ? and t.unit_id = ? order by s.reference, t.id
        """).params(operationId, unitId).query((rs, n) -> new Object[] {rs.getLong("id"),
            rs.getLong("suspect_id"), rs.getString("reference"), rs.getString("display_name"),
            rs.getString("case_ref"), Timestamps.instant(rs, "planned_at")}).list();
    List<BriefingTarget> result = new ArrayList<>();
    for (Object[] t : targets) {
      long suspect = (Long) t[1];
      result.add(new BriefingTarget((Long) t[0], (String) t[2], (String) t[3], (String) t[4],
          (Instant) t[5], identities(suspect), risks(suspect), evidence(suspect),
          legalBases(suspect)));
    }
    return result;
  }

  private static final String CHAIN = """
      from suspect_identifiers si
        join reported_identifiers ri on ri.kind = si.kind and ri.canonical_key = si.canonical_key
        join reports r on r.id = ri.report_id
      """;

  private List<String> identities(long suspect) {
    return jdbc.sql("select distinct sb.id, concat_ws(', ', sb.full_name, "
        + "'né(e) le ' || to_char(sb.date_of_birth, 'YYYY-MM-DD'), sb.address, "
        + "concat_ws(' ', sb.postal_code, sb.city), sb.phone) as line " + CHAIN + """
          join ip_events e on e.report_id = r.id
          join requisition_items qi on qi.ip_event_id = e.id
          join subscribers sb on sb.requisition_item_id = qi.id and sb.outcome = 'IDENTIFIED'
        where si.suspect_id = ? order by sb.id
        """).param(suspect).query((rs, n) -> rs.getString("line")).list().stream().distinct()
        .toList();
  }

  /** Children first: the facts entered about the household and work, then the scored factors. */
  private List<String> risks(long suspect) {
    List<String> risks = new ArrayList<>();
    jdbc.sql("""
        select children_in_household, works_with_children, volunteers_with_children,
               prior_sexual_conviction, registry_entry
        from suspect_risk_facts where suspect_id = ?
        """).param(suspect).query(rs -> {
          if (rs.getBoolean("children_in_household")) {
            risks.add("ENFANTS AU FOYER");
          }
          if (rs.getBoolean("works_with_children")) {
            risks.add("Travaille avec des enfants");
          }
          if (rs.getBoolean("volunteers_with_children")) {
            risks.add("Bénévole auprès d’enfants");
          }
          if (rs.getBoolean("prior_sexual_conviction")) {
            risks.add("Condamnation antérieure pour infraction sexuelle");
          }
          if (rs.getBoolean("registry_entry")) {
            risks.add("Inscrit au FIJAIS");
          }
        });
    risks.addAll(jdbc.sql("""
        select f.factor, f.points, f.evidence
        from risk_assessments ra join risk_assessment_factors f on f.assessment_id = ra.id
        where ra.suspect_id = ? and ra.current_version
        order by case when f.factor in ('access_to_children', 'contact_with_minors') then 0
                      else 1 end, f.points desc, f.factor
        """).param(suspect).query((rs, n) -> messages.getMessage("triage.factor." + rs.getString("factor"), null,
            rs.getString("factor"), java.util.Locale.FRENCH) + " ("
            + Math.round(rs.getDouble("points")) + " pts) : " + rs.getString("evidence")).list());
    jdbc.sql("""
        select effective_tier, score from risk_assessments
        where suspect_id = ? and current_version order by id desc limit 1
        """).param(suspect).query(rs -> {
          risks.add("Priorité " + rs.getString("effective_tier") + ", score "
              + Math.round(rs.getDouble("score")));
        });
    return risks;
  }

  private List<String> evidence(long suspect) {
    return jdbc.sql("with rep as (select distinct r.id, r.received_at " + CHAIN
        + " where si.suspect_id = ?) " + """
        select count(*) as reports,
               to_char(min(received_at) at time zone 'Europe/Paris', 'YYYY-MM-DD') as first,
               to_char(max(received_at) at time zone 'Europe/Paris', 'YYYY-MM-DD') as last,
               (select count(*) from media m
                where m.report_id in (select id from rep) and m.status = 'MATCHED') as matched
        from rep
        """).param(suspect).query((rs, n) -> List.of(
            rs.getLong("reports") + " signalement(s), du " + rs.getString("first") + " au "
                + rs.getString("last"),
            rs.getLong("matched") + " fichier(s) reconnu(s) par un jeu d’empreintes"))
        .single();
  }

  private List<String> legalBases(long suspect) {
    return jdbc.sql("select distinct q.legal_basis, q.reference " + CHAIN + """
          join ip_events e on e.report_id = r.id
          join requisition_items qi on qi.ip_event_id = e.id
          join requisitions q on q.id = qi.requisition_id
        where si.suspect_id = ? order by q.reference
        """).param(suspect).query((rs, n) -> "Réquisition " + rs.getString("reference") + " : "
            + rs.getString("legal_basis")).list();
  }

  private static Operation operation(ResultSet rs, int n) throws SQLException {
    return new Operation(rs.getLong("id"), rs.getString("code"), rs.getString("name"),
        rs.getString("unit_code"), rs.getObject("planned_for", LocalDate.class),
        rs.getObject("h_hour", LocalTime.class), rs.getString("status"),
        rs.getString("created_by"));
  }

  private static Candidate candidate(ResultSet rs, int n) throws SQLException {
    long unit = rs.getLong("unit_id");
    Long unitId = rs.wasNull() ? null : unit;
    return new Candidate(rs.getLong("case_id"), rs.getString("reference"), rs.getString("title"),
        rs.getLong("suspect_id"), rs.getString("suspect_reference"), unitId,
        rs.getString("unit_code"), rs.getString("departement"), rs.getString("tier"),
        Timestamps.instant(rs, "newest"), rs.getBoolean("identified"));
  }

  private static Target target(ResultSet rs, int n) throws SQLException {
    long unit = rs.getLong("unit_id");
    Long unitId = rs.wasNull() ? null : unit;
    return new Target(rs.getLong("id"), rs.getString("operation_code"),
        rs.getString("operation_name"), rs.getObject("planned_for", LocalDate.class),
        rs.getString("suspect_reference"), rs.getString("suspect_name"), unitId,
        rs.getString("unit_code"), rs.getString("status"), Timestamps.instant(rs, "planned_at"));
  }
}
