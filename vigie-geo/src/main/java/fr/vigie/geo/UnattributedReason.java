package fr.vigie.geo;

/** Why an IP event could not be attributed; each says what would unblock it. */
public enum UnattributedReason {
  NO_TIME("the report gives no time for this address"),
  INVALID_ADDRESS("not a valid IP address"),
  PRIVATE_ADDRESS("private or local address, meaningless outside the reporter's network"),
  SHARED_ADDRESS_SPACE("RFC 6598 shared address space (100.64.0.0/10), internal to an operator's "
      + "CGNAT: the platform logged an inside address"),
  NO_GEOIP_DATABASE("no GeoIP database"),
  NOT_IN_GEOIP("address not in the GeoIP database"),
  FRENCH_UNKNOWN_OPERATOR("French address whose autonomous system is not in the operators "
      + "directory"),
  NO_COUNTRY("the GeoIP database gives no country for this address");

  private final String text;

  UnattributedReason(String text) {
    this.text = text;
  }

  public String text() {
    return text;
  }
}
