package fr.vigie.app.search.internal;

import static fr.vigie.app.storage.Timestamps.instant;

import fr.vigie.app.search.SearchHit;
import fr.vigie.app.security.Access;
import java.util.List;
import java.util.Locale;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The search queries. Each source of a match is its own branch with its own limit, so that each
 * can use its index (prefix LIKE on canonical keys, lower(names), numbers; see V15) and a common
 * prefix never drags a million rows into a sort. The branches are then joined to their records.
 */
@Repository
public class JdbcSearch {

  /** Candidates per branch before the final ordering. */
  private static final int BRANCH = 50;

  private final JdbcClient jdbc;

  JdbcSearch(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public List<SearchHit> reports(String q, int limit) {
    String network = asNetwork(q);
    List<SearchHit> byIp = network == null ? List.of() : reportsByIp(network, limit);
    List<SearchHit> byText = reportsByText(q, limit);
    return java.util.stream.Stream.concat(byIp.stream(), byText.stream())
        .collect(java.util.stream.Collectors.toMap(SearchHit::id, h -> h, (a, b) -> a,
            java.util.LinkedHashMap::new))
        .values().stream().limit(limit).toList();
  }

  /**
   * Reports by an IP event's address: one address or a CIDR range, both as PostgreSQL inet.
   * V27's index on {@code ip::inet} serves {@code <<=} as a range scan (the planner turns
   * containment into {@code >=} / {@code <=} bounds).
   */
  private List<SearchHit> reportsByIp(String network, int limit) {
    return jdbc.sql("""
        select r.id, r.external_id, r.incident_type, r.received_at, x.why
        from (select report_id, 'IP ' || ip as why from ip_events
              where ip::inet <<= cast(:network as inet)
              limit :branch) x
        join reports r on r.id = x.report_id
        order by r.received_at desc, r.id desc, x.why
        limit :limit
        """)
        .param("network", network).param("branch", BRANCH).param("limit", limit * 4)
        .query((rs, n) -> new SearchHit(SearchHit.Kind.REPORT, rs.getLong("id"),
            rs.getString("external_id"), rs.getString("incident_type") + " — "
                + instant(rs, "received_at"), rs.getString("why")))
        .list();
  }

  private List<SearchHit> reportsByText(String q, int limit) {
    return jdbc.sql("""
        select r.id, r.external_id, r.incident_type, r.received_at, x.why
        from (
          (select id as report_id, 'numéro' as why from reports
           where external_id like :asTyped escape '\\' limit :branch)
          union all
          (select report_id, kind || ' ' || original_value from reported_identifiers
           where canonical_key like :lower escape '\\' limit :branch)
          union all
          (select report_id, kind || ' ' || original_value from reported_identifiers
           where canonical_key like :asTyped escape '\\' limit :branch)
          union all
          (select report_id, kind || ' ' || original_value from reported_identifiers
           where canonical_key like :phone escape '\\' limit :branch)
          union all
          (select report_id, 'personne ' || coalesce(first_name || ' ', '') || last_name
           from report_persons where lower(last_name) like :lower escape '\\' limit :branch)
        ) x join reports r on r.id = x.report_id
        order by r.received_at desc, r.id desc, x.why
        limit :limit
        """)
        .param("asTyped", prefix(q)).param("lower", prefix(q.toLowerCase(Locale.ROOT)))
        .param("phone", prefix(asPhonePrefix(q)))
        .param("branch", BRANCH).param("limit", limit * 4)
        .query((rs, n) -> new SearchHit(SearchHit.Kind.REPORT, rs.getLong("id"),
            rs.getString("external_id"), rs.getString("incident_type") + " — "
                + instant(rs, "received_at"), rs.getString("why")))
        .list().stream().collect(java.util.stream.Collectors.toMap(SearchHit::id, h -> h,
            (a, b) -> a, java.util.LinkedHashMap::new))
        .values().stream().limit(limit).toList();
  }

  public List<SearchHit> suspects(Access access, String q, int limit) {
    return jdbc.sql("""
        select s.id, s.reference, s.display_name, u.code as unit_code, x.why
        from (
          (select s1.id as suspect_id, 'référence' as why from suspects s1
           where s1.reference like :upper escape '\\' and (:national or s1.unit_id = :unit)
           limit :branch)
          union all
          (select s2.id, 'nom' from suspects s2
           where lower(s2.display_name) like :lower escape '\\' and (:national or s2.unit_id = :unit)
           limit :branch)
          union all
          (select si.suspect_id, si.kind || ' ' || si.canonical_key from suspect_identifiers si
           join suspects s3 on s3.id = si.suspect_id
           where si.canonical_key like :lower escape '\\' and (:national or s3.unit_id = :unit)
           limit :branch)
          union all
          (select si.suspect_id, si.kind || ' ' || si.canonical_key from suspect_identifiers si
           join suspects s4 on s4.id = si.suspect_id
           where si.canonical_key like :phone escape '\\' and (:national or s4.unit_id = :unit)
           limit :branch)
        ) x join suspects s on s.id = x.suspect_id
        left join units u on u.id = s.unit_id
        where (:national or s.unit_id = :unit)
        order by s.reference, x.why
        limit :limit
        """)
        .param("upper", prefix(q.toUpperCase(Locale.ROOT)))
        .param("lower", prefix(q.toLowerCase(Locale.ROOT)))
        .param("phone", prefix(asPhonePrefix(q)))
        .param("national", access.national()).param("unit", access.unitOrNone())
        .param("branch", BRANCH).param("limit", limit * 4)
        .query((rs, n) -> new SearchHit(SearchHit.Kind.SUSPECT, rs.getLong("id"),
            rs.getString("reference"), (rs.getString("display_name") == null ? "—"
                : rs.getString("display_name")) + " — " + (rs.getString("unit_code") == null
                ? "—" : rs.getString("unit_code")), rs.getString("why")))
        .list().stream().collect(java.util.stream.Collectors.toMap(SearchHit::id, h -> h,
            (a, b) -> a, java.util.LinkedHashMap::new))
        .values().stream().limit(limit).toList();
  }

  /**
   * Cases are few: numbers and suspects' references by prefix, title, summary and notes by
   * substring (a scan of thousands of rows). One branch per source, as for reports: a single
   * WHERE with OR-ed EXISTS made PostgreSQL probe the notes once per case.
   */
  public List<SearchHit> cases(Access access, String q, int limit) {
    String contains = "%" + escape(q.toLowerCase(Locale.ROOT)) + "%";
    return jdbc.sql("""
        select c.id, c.reference, c.title, c.status, u.code as unit_code, x.why
        from (
          (select id as case_id, 'numéro' as why from cases
           where reference like :upper escape '\\' limit :branch)
          union all
          (select id, 'intitulé' from cases where lower(title) like :contains escape '\\'
           limit :branch)
          union all
          (select id, 'résumé' from cases where lower(summary) like :contains escape '\\'
           limit :branch)
          union all
          (select case_id, 'note' from case_notes where lower(body) like :contains escape '\\'
           limit :branch)
          union all
          (select cs.case_id, 'suspect ' || s.reference from suspects s
           join case_suspects cs on cs.suspect_id = s.id
           where s.reference like :upper escape '\\' limit :branch)
        ) x join cases c on c.id = x.case_id
        left join units u on u.id = c.unit_id
        where (:national or c.unit_id = :unit)
        order by c.opened_at desc, c.id desc, x.why
        limit :limit
        """)
        .param("upper", prefix(q.toUpperCase(Locale.ROOT))).param("contains", contains)
        .param("national", access.national()).param("unit", access.unitOrNone())
        .param("branch", BRANCH).param("limit", limit * 5)
        .query((rs, n) -> new SearchHit(SearchHit.Kind.CASE, rs.getLong("id"),
            rs.getString("reference"), rs.getString("title") + " — " + rs.getString("status")
                + (rs.getString("unit_code") == null ? "" : " — " + rs.getString("unit_code")),
            rs.getString("why")))
        .list().stream().collect(java.util.stream.Collectors.toMap(SearchHit::id, h -> h,
            (a, b) -> a, java.util.LinkedHashMap::new))
        .values().stream().limit(limit).toList();
  }

  /**
   * Media by a hash: 32 hex digits an MD5, 40 a SHA-1, 64 a SHA-256 or a PDQ, equal to the
   * media's own (each column has its index: V1, V11, V27), or equal to a hash-set entry the
   * media was matched to, which for a PDQ entry brings the media matching found within its
   * distance (matches, V27's index on entry_id).
   */
  public List<SearchHit> media(String q, int limit) {
    String hex = q.strip().toLowerCase(Locale.ROOT);
    if (!hex.matches("[0-9a-f]{32}|[0-9a-f]{40}|[0-9a-f]{64}")) {
      return List.of();
    }
    return jdbc.sql("""
        select m.id, m.file_name, m.status, r.external_id, x.why
        from (
          (select id as media_id, 'MD5' as why from media where md5 = :hex limit :branch)
          union all
          (select id, 'SHA-1' from media where sha1 = :hex limit :branch)
          union all
          (select id, 'SHA-256' from media where sha256 = :hex limit :branch)
          union all
          (select id, 'PDQ' from media where pdq = :hex limit :branch)
          union all
          (select mt.media_id, hs.name || ' — ' || he.algorithm || ', distance ' || mt.distance
           from hash_entries he
           join matches mt on mt.entry_id = he.id
           join hash_sets hs on hs.id = he.set_id
           where he.algorithm in (:algorithms) and he.hash_value = :hex
           limit :branch)
        ) x join media m on m.id = x.media_id
        left join reports r on r.id = m.report_id
        order by m.created_at desc, m.id desc
        limit :limit
        """)
        .param("hex", hex).param("branch", BRANCH).param("limit", limit * 2)
        .param("algorithms", switch (hex.length()) {
          case 32 -> List.of("MD5");
          case 40 -> List.of("SHA1");
          default -> List.of("SHA256", "PDQ");
        })
        .query((rs, n) -> new SearchHit(SearchHit.Kind.MEDIA, rs.getLong("id"),
            rs.getString("file_name") == null ? "#" + rs.getLong("id") : rs.getString("file_name"),
            rs.getString("external_id") == null ? "—" : rs.getString("external_id"),
            rs.getString("why")))
        .list().stream().collect(java.util.stream.Collectors.toMap(SearchHit::id, h -> h,
            (a, b) -> a, java.util.LinkedHashMap::new))
        .values().stream().limit(limit).toList();
  }

  /**
   * Requisitions by reference prefix, within the caller's unit (V27's pattern index), under the
   * branch limit so that "REQ-2026" does not sort a year of requisitions.
   */
  public List<SearchHit> requisitions(Access access, String q, int limit) {
    return jdbc.sql("""
        select q.id, q.reference, o.name as operator_name, q.created_at
        from (select id from requisitions
              where reference like :upper escape '\\' and (:national or unit_id = :unit)
              limit :branch) x
        join requisitions q on q.id = x.id
        join operators o on o.id = q.operator_id
        order by q.reference
        limit :limit
        """)
        .param("upper", prefix(q.toUpperCase(Locale.ROOT)))
        .param("national", access.national()).param("unit", access.unitOrNone())
        .param("branch", BRANCH).param("limit", limit)
        .query((rs, n) -> new SearchHit(SearchHit.Kind.REQUISITION, rs.getLong("id"),
            rs.getString("reference"), rs.getString("operator_name") + " — "
                + instant(rs, "created_at"), "référence"))
        .list();
  }

  private static final java.util.regex.Pattern IPV4 = java.util.regex.Pattern.compile(
      "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");

  /**
   * An IP address or a CIDR range in any written form ("2001:DB8:0::1", "192.0.2.0/24"), as
   * the canonical text PostgreSQL's inet reads; null when the query is not one. Literals only:
   * nothing here resolves a name.
   */
  static String asNetwork(String q) {
    String s = q.strip();
    int slash = s.indexOf('/');
    String address = slash < 0 ? s : s.substring(0, slash);
    String bits = slash < 0 ? null : s.substring(slash + 1);
    boolean v4 = IPV4.matcher(address).matches();
    boolean v6 = !v4 && address.indexOf(':') >= 0 && address.matches("[0-9A-Fa-f:.]+");
    if (!v4 && !v6) {
      return null;
    }
    if (bits != null && !(bits.matches("\\d{1,3}")
        && Integer.parseInt(bits) <= (v4 ? 32 : 128))) {
      return null;
    }
    try {
      String canonical = java.net.InetAddress.getByName(v6 ? "[" + address + "]" : address)
          .getHostAddress();
      if (v6 != canonical.contains(":")) {
        return null; // an IPv4-mapped IPv6 address comes back as IPv4: leave it alone
      }
      return bits == null ? canonical : canonical + "/" + bits;
    } catch (java.net.UnknownHostException e) {
      return null;
    }
  }

  /**
   * Phone numbers are stored in E.164 ("+33612345678"): a query typed the French national way
   * ("06 12 34", "06.12") or with 00 is searched in that form too. Anything else comes back as
   * typed.
   */
  static String asPhonePrefix(String q) {
    String digits = q.strip().replaceAll("[\\s.\\-()/]", "");
    if (digits.matches("0[1-9][0-9]*")) {
      return "+33" + digits.substring(1);
    }
    if (digits.matches("00[1-9][0-9]*")) {
      return "+" + digits.substring(2);
    }
    if (digits.matches("\\+[1-9][0-9]*")) {
      return digits;
    }
    return q;
  }

  private static String prefix(String value) {
    return escape(value) + "%";
  }

  /** Escapes LIKE's wildcards so that "a_b%" is looked for as typed. */
  static String escape(String value) {
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }
}
