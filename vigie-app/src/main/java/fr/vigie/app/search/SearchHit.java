package fr.vigie.app.search;

/**
 * One result: what it is, its id and label, and why it matched.
 *
 * @param why what matched, e.g. "EMAIL jean.dupont@example.org" or "référence"
 */
public record SearchHit(Kind kind, long id, String label, String detail, String why) {

  /** The things Vigie searches. */
  public enum Kind { REPORT, SUSPECT, CASE, MEDIA, REQUISITION }

  /** The page that shows the record. */
  public String path() {
    return switch (kind) {
      case REPORT -> "/signalements/" + id;
      case SUSPECT -> "/suspects/" + id;
      case CASE -> "/dossiers/" + id;
      case MEDIA -> "/media/" + id;
      case REQUISITION -> "/requisitions/" + id;
    };
  }
}
