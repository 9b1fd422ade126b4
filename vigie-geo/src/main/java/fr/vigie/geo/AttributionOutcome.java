package fr.vigie.geo;

import java.time.LocalDate;

/**
 * Where one IP event goes next, and why. Every event ends in exactly one of these; none is
 * silently dropped.
 */
public sealed interface AttributionOutcome {

  /** Stored code: FRANCE, FOREIGN, PORT_NEEDED, EXPIRED or UNATTRIBUTED. */
  String code();

  /** The reason in plain English (logs, CSV); the UI shows a translated text from the code. */
  String reason();

  /** What GeoIP said, kept with the outcome for the record. */
  GeoFacts facts();

  /**
   * A French operator can say who held the address: the event waits for a requisition.
   *
   * @param cgnat the CGNAT range it fell in (the port given makes it identifiable), or null
   */
  record France(OperatorRef operator, CidrBlock cgnat, GeoFacts facts)
      implements AttributionOutcome {
    public String code() {
      return "FRANCE";
    }

    public String reason() {
      return "pending requisition to " + operator.name()
          + (cgnat == null ? "" : " (CGNAT range " + cgnat + ", source port given)");
    }
  }

  /** Outside France: to the referral list of that country (Europol / Interpol channels). */
  record Foreign(String country, GeoFacts facts) implements AttributionOutcome {
    public String code() {
      return "FOREIGN";
    }

    public String reason() {
      return "foreign address (" + country + "): international referral";
    }
  }

  /** Behind a French operator's CGNAT without a source port: nobody can be identified. */
  record PortNeeded(OperatorRef operator, CidrBlock cgnat, GeoFacts facts)
      implements AttributionOutcome {
    public String code() {
      return "PORT_NEEDED";
    }

    public String reason() {
      return "insufficient: port needed (" + operator.name() + " CGNAT range " + cgnat + ")";
    }
  }

  /**
   * Older than the operator keeps its data: asking would be pointless.
   *
   * @param expiredOn the first day on which the operator no longer holds the data
   */
  record Expired(OperatorRef operator, LocalDate expiredOn, GeoFacts facts)
      implements AttributionOutcome {
    public String code() {
      return "EXPIRED";
    }

    public String reason() {
      return "expired on " + expiredOn + " (" + operator.name() + " keeps "
          + operator.retentionDays() + " days)";
    }
  }

  /** Neither a French operator nor a foreign country could be named. */
  record Unattributed(UnattributedReason why, String detail, GeoFacts facts)
      implements AttributionOutcome {
    public String code() {
      return "UNATTRIBUTED";
    }

    public String reason() {
      return "unattributed: " + why.text() + (detail == null ? "" : " (" + detail + ")");
    }
  }
}
