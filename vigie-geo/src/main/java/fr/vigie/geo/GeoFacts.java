package fr.vigie.geo;

/**
 * What the GeoIP databases say about one address; any part may be unknown (null).
 *
 * @param country ISO 3166-1 alpha-2 code where the address is used (MaxMind's "country")
 * @param asn the autonomous system announcing it
 * @param asOrganization that system's name as MaxMind has it
 */
public record GeoFacts(String country, Long asn, String asOrganization) {

  public static final GeoFacts NOTHING = new GeoFacts(null, null, null);

  public boolean isEmpty() {
    return country == null && asn == null;
  }
}
