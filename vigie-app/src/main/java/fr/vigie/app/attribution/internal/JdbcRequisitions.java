package fr.vigie.app.attribution.internal;

import static fr.vigie.app.storage.Timestamps.utc;

import fr.vigie.app.attribution.AttributedEvent;
import fr.vigie.app.attribution.ProcedureType;
import fr.vigie.app.attribution.Requisition;
import fr.vigie.app.attribution.RequisitionItem;
import fr.vigie.app.attribution.Subscriber;
import fr.vigie.app.security.Access;
import fr.vigie.app.storage.Timestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * SQL over {@code requisitions}, {@code requisition_items}, {@code requisition_answers},
 * {@code subscribers}, and the answer files' {@code import_jobs} / {@code import_rejects} rows.
 * Reads of requisitions carry the caller's unit scope.
 */
@Repository
public class JdbcRequisitions {

  /** SENT past its due date reads as OVERDUE; the stored status never needs a sweeper. */
  private static final String EFFECTIVE = """
      case when q.status = 'SENT' and q.due_at < :now then 'OVERDUE' else q.status end""";

  private static final String SELECT = "select q.*, " + EFFECTIVE + """
       as effective_status,
             o.code as operator_code, o.name as operator_name, o.legal_contact, o.legal_email,
             o.portal_url, u.code as unit_code,
             (select count(*) from requisition_items i where i.requisition_id = q.id) as items,
             (select count(distinct s.requisition_item_id) from subscribers s
                join requisition_items i on i.id = s.requisition_item_id
              where i.requisition_id = q.id) as answered_items
      from requisitions q
      join operators o on o.id = q.operator_id
      left join units u on u.id = q.unit_id
      """;

  private final JdbcClient jdbc;
  private final JdbcTemplate template;

  JdbcRequisitions(JdbcClient jdbc, JdbcTemplate template) {
    this.jdbc = jdbc;
    this.template = template;
  }

  /** Inserts the requisition and its lines; returns its id and reference. */
  public Requisition.Ref insert(long operatorId, Long unitId, ProcedureType type,
      String procedureRef, String officer, String createdBy, Instant now,
      List<AttributedEvent> events) {
    String temporary = "tmp-" + UUID.randomUUID();
    jdbc.sql("""
        insert into requisitions (reference, operator_id, unit_id, legal_basis, procedure_type,
          procedure_ref, requesting_officer, status, created_at, created_by)
        values (?, ?, ?, ?, ?, ?, ?, 'DRAFTED', ?, ?)
        """).params(temporary, operatorId, unitId, type.legalBasis(), type.name(), procedureRef,
            officer, utc(now), createdBy).update();
    long id = jdbc.sql("select id from requisitions where reference = ?").param(temporary)
        .query(Long.class).single();
    String reference = String.format(Locale.ROOT, "RQ-%d-%06d",
        now.atOffset(ZoneOffset.UTC).getYear(), id);
    jdbc.sql("update requisitions set reference = ? where id = ?").params(reference, id).update();
    template.batchUpdate("""
        insert into requisition_items (requisition_id, ip_event_id, ip, port, occurred_at)
        values (?, ?, ?, ?, ?)
        """, events.stream().map(e -> new Object[] {id, e.ipEventId(), e.ip(), e.port(),
            utc(e.occurredAt())}).toList());
    return new Requisition.Ref(id, reference);
  }

  public Optional<Requisition> findVisible(Access access, long id, Instant now) {
    return jdbc.sql(SELECT + " where q.id = :id and (:national or q.unit_id = :unit)")
        .param("id", id).param("national", access.national()).param("unit", access.unitOrNone())
        .param("now", utc(now)).query(JdbcRequisitions::map).optional();
  }

  public Optional<Requisition> findAny(long id, Instant now) {
    return jdbc.sql(SELECT + " where q.id = :id").param("id", id).param("now", utc(now))
        .query(JdbcRequisitions::map).optional();
  }

  public Optional<Requisition> findByReference(String reference, Instant now) {
    return jdbc.sql(SELECT + " where q.reference = :ref").param("ref", reference)
        .param("now", utc(now)).query(JdbcRequisitions::map).optional();
  }

  /** The caller's requisitions, overdue first, then sent by due date, drafts, the rest. */
  public List<Requisition> list(Access access, String status, String operatorCode, Instant now,
      int limit) {
    return listQuery(access, status, operatorCode, now, limit).list();
  }

  /**
   * Hands the caller's requisitions under the filters to {@code each} in the list's order, at
   * most {@code limit}, streamed from the database (call within a transaction); returns how
   * many.
   */
  public int forEach(Access access, String status, String operatorCode, Instant now, int limit,
      java.util.function.Consumer<Requisition> each) {
    int[] count = {0};
    try (java.util.stream.Stream<Requisition> rows = listQuery(access, status, operatorCode, now,
        limit).stream()) {
      rows.forEach(r -> {
        count[0]++;
        each.accept(r);
      });
    }
    return count[0];
  }

  private JdbcClient.MappedQuerySpec<Requisition> listQuery(Access access, String status,
      String operatorCode, Instant now, int limit) {
    return jdbc.sql("select * from (" + SELECT + """
         where (:national or q.unit_id = :unit)
           and (cast(:operator as varchar(32)) is null or o.code = :operator)
        ) r
        where cast(:status as varchar(12)) is null or r.effective_status = :status
        order by case r.effective_status when 'OVERDUE' then 0 when 'SENT' then 1
                   when 'DRAFTED' then 2 when 'ANSWERED' then 3 else 4 end,
                 r.due_at, r.created_at desc, r.id desc
        limit :limit
        """).param("national", access.national()).param("unit", access.unitOrNone())
        .param("operator", operatorCode).param("status", status).param("now", utc(now))
        .param("limit", limit).query(JdbcRequisitions::map);
  }

  public List<RequisitionItem> items(long requisitionId) {
    return jdbc.sql("""
        select i.id, i.ip_event_id, i.ip, i.port, i.occurred_at, a.report_ref,
               s.id as subscriber_id, s.outcome, s.full_name, s.address, s.postal_code, s.city,
               s.departement_code, s.contract_type, s.unit_id, u.code as unit_code,
               u.name as unit_name
        from requisition_items i
        left join ip_attributions a on a.ip_event_id = i.ip_event_id
        left join subscribers s on s.requisition_item_id = i.id
        left join units u on u.id = s.unit_id
        where i.requisition_id = ?
        order by i.occurred_at, i.id
        """).param(requisitionId).query((rs, n) -> {
          long subscriberId = rs.getLong("subscriber_id");
          Subscriber subscriber = rs.wasNull() ? null : new Subscriber(subscriberId,
              rs.getLong("id"), rs.getString("outcome"), rs.getString("full_name"),
              rs.getString("address"), rs.getString("postal_code"), rs.getString("city"),
              rs.getString("departement_code"), rs.getString("contract_type"),
              JdbcAttributions.nullableLong(rs, "unit_id"), rs.getString("unit_code"),
              rs.getString("unit_name"));
          return new RequisitionItem(rs.getLong("id"), rs.getLong("ip_event_id"),
              rs.getString("ip"), JdbcAttributions.nullableInt(rs, "port"),
              Timestamps.instant(rs, "occurred_at"), rs.getString("report_ref"), subscriber);
        }).list();
  }

  /**
   * The events among these for which an operator identified a subscriber, with the
   * subscriber's département ("" when the answer gave none we know).
   */
  public java.util.Map<Long, String> identifiedDepartements(java.util.Collection<Long> eventIds) {
    java.util.Map<Long, String> out = new java.util.LinkedHashMap<>();
    if (eventIds.isEmpty()) {
      return out;
    }
    jdbc.sql("""
        select ri.ip_event_id, max(s.departement_code) as departement
        from subscribers s join requisition_items ri on ri.id = s.requisition_item_id
        where s.outcome = 'IDENTIFIED' and ri.ip_event_id in (:ids)
        group by ri.ip_event_id
        """).param("ids", eventIds).query(rs -> {
          String d = rs.getString("departement");
          out.put(rs.getLong("ip_event_id"), d == null ? "" : d);
        });
    return out;
  }

  public void markSent(long id, Instant now, Instant due) {
    jdbc.sql("update requisitions set status = 'SENT', sent_at = ?, due_at = ? where id = ?")
        .params(utc(now), utc(due), id).update();
  }

  public void markAnswered(long id, Instant now) {
    jdbc.sql("update requisitions set status = 'ANSWERED', answered_at = ? where id = ?")
        .params(utc(now), id).update();
  }

  public void cancel(long id) {
    jdbc.sql("update requisitions set status = 'CANCELLED' where id = ?").param(id).update();
  }

  /** The line of a requisition for this address, port (either side may lack it) and instant. */
  public Optional<Long> itemFor(long requisitionId, String ip, Integer port, Instant at) {
    return jdbc.sql("""
        select min(id) from requisition_items
        where requisition_id = :req and ip = :ip and occurred_at = :at
          and (port = :port or cast(:port as integer) is null or port is null)
        """).param("req", requisitionId).param("ip", ip).param("port", port)
        .param("at", utc(at)).query(Long.class).optional().filter(x -> x != null);
  }

  /** The IP event a requisition line asks about. */
  public long ipEventOfItem(long itemId) {
    return jdbc.sql("select ip_event_id from requisition_items where id = ?").param(itemId)
        .query(Long.class).single();
  }

  public long insertAnswer(long requisitionId, long importJobId, Instant now, String fileName,
      String sha256, String importedBy) {
    jdbc.sql("""
        insert into requisition_answers (requisition_id, import_job_id, received_at, file_name,
          file_sha256, imported_by) values (?, ?, ?, ?, ?, ?)
        """).params(requisitionId, importJobId, utc(now), fileName, sha256, importedBy).update();
    return jdbc.sql("select max(id) from requisition_answers where requisition_id = ?")
        .param(requisitionId).query(Long.class).single();
  }

  public void setAnswerCounts(long answerId, long accepted, long rejected) {
    jdbc.sql("update requisition_answers set accepted = ?, rejected = ? where id = ?")
        .params(accepted, rejected, answerId).update();
  }

  /** Records the answer for one line, replacing an earlier one (the same file twice is one). */
  public void replaceSubscriber(long answerId, long itemId, String outcome, String fullName,
      String address, String postalCode, String city, String departement, String contract,
      Long unitId, long line) {
    jdbc.sql("delete from subscribers where requisition_item_id = ?").param(itemId).update();
    jdbc.sql("""
        insert into subscribers (answer_id, requisition_item_id, outcome, full_name, address,
          postal_code, city, departement_code, contract_type, unit_id, answer_line)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """).params(answerId, itemId, outcome, fullName, address, postalCode, city, departement,
            contract, unitId, line).update();
  }

  public long startAnswerJob(String origin, String inputName, String sha256, String actor,
      Instant now) {
    String marker = "answer-" + UUID.randomUUID();
    jdbc.sql("""
        insert into import_jobs (kind, origin, input_name, input_sha256, status, requested_by,
          created_at, started_at, last_error)
        values ('OPERATOR_ANSWER', ?, ?, ?, 'RUNNING', ?, ?, ?, ?)
        """).params(origin, cut(inputName, 500), sha256, actor, utc(now), utc(now), marker)
        .update();
    long id = jdbc.sql("select id from import_jobs where last_error = ?").param(marker)
        .query(Long.class).single();
    jdbc.sql("update import_jobs set last_error = null where id = ?").param(id).update();
    return id;
  }

  public void finishAnswerJob(long jobId, long read, long accepted, long rejected, Instant now) {
    jdbc.sql("""
        update import_jobs set status = 'DONE', finished_at = ?, records_read = ?,
          records_new = ?, records_rejected = ? where id = ?
        """).params(utc(now), read, accepted, rejected, jobId).update();
  }

  public void reject(long jobId, String inputName, long line, long column, String field,
      String reason, String raw) {
    jdbc.sql("""
        insert into import_rejects (job_id, input_name, line, col, field, reason, raw_record,
          status) values (?, ?, ?, ?, ?, ?, ?, 'QUARANTINED')
        """).params(jobId, cut(inputName, 500), line, column, field, reason,
            raw == null ? null : raw.getBytes(java.nio.charset.StandardCharsets.UTF_8)).update();
  }

  static Requisition map(ResultSet rs, int n) throws SQLException {
    String type = rs.getString("procedure_type");
    return new Requisition(rs.getLong("id"), rs.getString("reference"),
        rs.getLong("operator_id"), rs.getString("operator_code"), rs.getString("operator_name"),
        rs.getString("legal_contact"), rs.getString("legal_email"), rs.getString("portal_url"),
        JdbcAttributions.nullableLong(rs, "unit_id"), rs.getString("unit_code"),
        type == null ? null : ProcedureType.valueOf(type), rs.getString("legal_basis"),
        rs.getString("procedure_ref"), rs.getString("requesting_officer"),
        rs.getString("status"), rs.getString("effective_status"),
        Timestamps.instant(rs, "created_at"), rs.getString("created_by"),
        Timestamps.instant(rs, "sent_at"), Timestamps.instant(rs, "due_at"),
        Timestamps.instant(rs, "answered_at"), rs.getLong("items"),
        rs.getLong("answered_items"));
  }

  /** A file name as {@code import_jobs.input_name} holds it (500 characters), its end kept. */
  private static String cut(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(s.length() - max);
  }
}
