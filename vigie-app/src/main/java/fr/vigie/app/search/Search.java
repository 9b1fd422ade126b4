package fr.vigie.app.search;

import fr.vigie.app.audit.AuditAction;
import fr.vigie.app.audit.AuditEvent;
import fr.vigie.app.audit.AuditLog;
import fr.vigie.app.search.internal.JdbcSearch;
import fr.vigie.app.security.Access;
import fr.vigie.app.security.AccessMatrix;
import fr.vigie.app.security.Permission;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Searches reports, suspects, cases, media and requisitions for one query. Equality and prefix matches on keys and
 * names (served by indexes, so fast at millions of reports); substring matches only in case
 * titles, summaries and notes, which are few. Suspects and cases stay within the caller's unit;
 * a kind the caller's role may not read is not searched at all.
 */
@Service
public class Search {

  /** Results per kind at most. */
  public static final int LIMIT = 20;

  /** Shorter queries would match half the database. */
  public static final int MIN_LENGTH = 2;

  private final JdbcSearch jdbc;
  private final AuditLog audit;

  Search(JdbcSearch jdbc, AuditLog audit) {
    this.jdbc = jdbc;
    this.audit = audit;
  }

  @Transactional(readOnly = true)
  public SearchResults search(Access access, String query) {
    String q = query == null ? "" : query.strip();
    if (q.length() < MIN_LENGTH) {
      return SearchResults.empty(q);
    }
    if (q.length() > 200) {
      q = q.substring(0, 200);
    }
    long started = System.nanoTime();
    var role = access.caller().role();
    List<SearchHit> reports = AccessMatrix.allows(role, Permission.REPORTS_READ)
        ? jdbc.reports(q, LIMIT) : List.of();
    List<SearchHit> suspects = AccessMatrix.allows(role, Permission.SUSPECTS_READ)
        ? jdbc.suspects(access, q, LIMIT) : List.of();
    List<SearchHit> cases = AccessMatrix.allows(role, Permission.CASES_READ)
        ? jdbc.cases(access, q, LIMIT) : List.of();
    List<SearchHit> media = AccessMatrix.allows(role, Permission.REPORTS_READ)
        ? jdbc.media(q, LIMIT) : List.of();
    List<SearchHit> requisitions = AccessMatrix.allows(role, Permission.ATTRIBUTION_READ)
        ? jdbc.requisitions(access, q, LIMIT) : List.of();
    long millis = (System.nanoTime() - started) / 1_000_000;
    audit.record(AuditEvent.of(access.caller().username(), role.name(), AuditAction.READ,
            "search", null, null, access.clientAddress())
        .withDetail("q=" + q + " -> " + reports.size() + " reports, " + suspects.size()
            + " suspects, " + cases.size() + " cases, " + media.size() + " media, "
            + requisitions.size() + " requisitions"));
    return new SearchResults(q, reports, suspects, cases, media, requisitions, millis);
  }
}
