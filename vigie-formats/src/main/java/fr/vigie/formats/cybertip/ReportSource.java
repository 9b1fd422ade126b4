package fr.vigie.formats.cybertip;

import java.util.Objects;

/**
 * Where a report comes from: the row of {@code sources} it is filed under.
 *
 * @param code unique short code, e.g. {@code NCMEC}, {@code PHAROS}, {@code BKA}
 * @param name readable name
 * @param kind one of NCMEC, PLATFORM, PARTNER, FOREIGN_POLICE, MANUAL, P2P_SENSOR
 * @param country ISO 3166-1 alpha-2, or null
 */
public record ReportSource(String code, String name, String kind, String country) {

  /** Every CyberTipline report comes from NCMEC. */
  public static final ReportSource NCMEC =
      new ReportSource("NCMEC", "NCMEC CyberTipline", "NCMEC", "US");

  public ReportSource {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
  }
}
