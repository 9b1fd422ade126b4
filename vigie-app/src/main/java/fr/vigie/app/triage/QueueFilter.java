package fr.vigie.app.triage;

import java.util.Locale;

/**
 * What the queue shows and in which order; every field may be null (no filter).
 *
 * @param deadline "overdue" (past), "48h" or "30d" (due within), null for any
 * @param sort "deadline" (default: overdue first, then soonest), "tier" or "score"
 * @param after the keyset cursor of the last row seen, null for the first page
 */
public record QueueFilter(Tier tier, String departement, String status, Factor factor,
    String deadline, String sort, String after) {

  public QueueFilter {
    sort = sort == null || sort.isBlank() ? "deadline" : sort.toLowerCase(Locale.ROOT);
    if (!sort.equals("deadline") && !sort.equals("tier") && !sort.equals("score")) {
      throw new IllegalArgumentException("unknown sort: " + sort);
    }
    if (deadline != null && deadline.isBlank()) {
      deadline = null;
    }
    if (deadline != null && !deadline.equals("overdue") && !deadline.equals("48h")
        && !deadline.equals("30d")) {
      throw new IllegalArgumentException("unknown deadline filter: " + deadline);
    }
    departement = departement == null || departement.isBlank() ? null : departement.strip();
    status = status == null || status.isBlank() ? null : status.strip().toUpperCase(Locale.ROOT);
    after = after == null || after.isBlank() ? null : after;
  }

  /** Returns the filter with no filters, by deadline, first page. */
  public static QueueFilter all() {
    return new QueueFilter(null, null, null, null, null, null, null);
  }

  /** Returns the same filter from another cursor. */
  public QueueFilter after(String cursor) {
    return new QueueFilter(tier, departement, status, factor, deadline, sort, cursor);
  }
}
