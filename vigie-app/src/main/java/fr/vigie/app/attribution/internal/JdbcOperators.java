package fr.vigie.app.attribution.internal;

import fr.vigie.app.attribution.Operator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL over {@code operators}, {@code operator_asns} and {@code operator_cgnat_ranges}. */
@Repository
public class JdbcOperators {

  private final JdbcClient jdbc;

  JdbcOperators(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Every operator, by name, with its ASNs and ranges. */
  public List<Operator> findAll() {
    Map<Long, List<Long>> asns = new HashMap<>();
    jdbc.sql("select operator_id, asn from operator_asns order by asn").query(rs -> {
      asns.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getLong(2));
    });
    Map<Long, List<String>> ranges = new HashMap<>();
    jdbc.sql("select operator_id, cidr from operator_cgnat_ranges order by id").query(rs -> {
      ranges.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2));
    });
    return jdbc.sql("""
        select id, code, name, legal_contact, legal_email, portal_url, answer_delay_days,
               retention_days, active
        from operators order by name, id
        """).query((rs, n) -> {
          long id = rs.getLong("id");
          return new Operator(id, rs.getString("code"), rs.getString("name"),
              rs.getString("legal_contact"), rs.getString("legal_email"),
              rs.getString("portal_url"), rs.getInt("answer_delay_days"),
              rs.getInt("retention_days"), rs.getBoolean("active"),
              List.copyOf(asns.getOrDefault(id, List.of())),
              List.copyOf(ranges.getOrDefault(id, List.of())));
        }).list();
  }

  public Optional<Long> idOf(String code) {
    return jdbc.sql("select id from operators where code = ?").param(code).query(Long.class)
        .optional();
  }

  /** Returns the operator (if any other than {@code exceptId}) announcing that ASN. */
  public Optional<String> codeHoldingAsn(long asn, long exceptId) {
    return jdbc.sql("""
        select o.code from operator_asns a join operators o on o.id = a.operator_id
        where a.asn = ? and a.operator_id <> ?
        """).params(asn, exceptId).query(String.class).optional();
  }

  public long insert(String code, String name) {
    jdbc.sql("insert into operators (code, name) values (?, ?)").params(code, name).update();
    return idOf(code).orElseThrow();
  }

  /** Replaces the operator's fields, ASNs and ranges. */
  public void update(long id, String name, String legalContact, String legalEmail,
      String portalUrl, int delay, int retention, boolean active, List<Long> asns,
      List<String> ranges) {
    jdbc.sql("""
        update operators set name = ?, legal_contact = ?, legal_email = ?, portal_url = ?,
               answer_delay_days = ?, retention_days = ?, active = ?
        where id = ?
        """).params(name, legalContact, legalEmail, portalUrl, delay, retention, active, id)
        .update();
    jdbc.sql("delete from operator_asns where operator_id = ?").param(id).update();
    for (Long asn : asns) {
      jdbc.sql("insert into operator_asns (operator_id, asn) values (?, ?)").params(id, asn)
          .update();
    }
    jdbc.sql("delete from operator_cgnat_ranges where operator_id = ?").param(id).update();
    for (String range : ranges) {
      jdbc.sql("insert into operator_cgnat_ranges (operator_id, cidr, note) values (?, ?, ?)")
          .params(id, range, "edited by an administrator").update();
    }
  }
}
