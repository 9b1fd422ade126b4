package fr.vigie.geo;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Decides where one IP event goes. The order matters and is documented in docs/attribution.md:
 *
 * <ol>
 *   <li>no time, not an address, private, RFC 6598 → unattributed (nothing to ask anyone);
 *   <li>a French operator's CGNAT range → that operator, even without GeoIP (the directory is
 *       more precise than GeoIP for an operator's own ranges);
 *   <li>otherwise the ASN database names the operator; a known French operator → France;
 *   <li>a country other than France → foreign; France with an unknown ASN, or nothing known →
 *       unattributed with the reason;
 *   <li>for France: older than the retention (the shorter of the legal period and the operator's)
 *       → expired; in a CGNAT range without a source port → port needed; else pending.
 * </ol>
 *
 * <p>Pure and thread-safe; the databases and the directory are given, the instant "now" too.
 */
public final class IpAttributor {

  private final GeoIp geo;
  private final OperatorDirectory directory;
  private final Duration retention;

  public IpAttributor(GeoIp geo, OperatorDirectory directory, Duration retention) {
    this.geo = geo;
    this.directory = directory;
    this.retention = retention;
  }

  public AttributionOutcome attribute(IpEventFacts event, Instant now) {
    IpAddress address;
    try {
      address = IpAddress.parse(event.ip());
    } catch (IllegalArgumentException e) {
      return new AttributionOutcome.Unattributed(UnattributedReason.INVALID_ADDRESS, event.ip(),
          GeoFacts.NOTHING);
    }
    if (event.occurredAt() == null) {
      return new AttributionOutcome.Unattributed(UnattributedReason.NO_TIME, null,
          GeoFacts.NOTHING);
    }
    if (CidrBlock.SHARED_ADDRESS_SPACE.contains(address)) {
      return new AttributionOutcome.Unattributed(UnattributedReason.SHARED_ADDRESS_SPACE, null,
          GeoFacts.NOTHING);
    }
    Optional<CidrTable.Match<OperatorRef>> cgnat = directory.cgnat().find(address);
    if (address.isPrivateOrLocal() && cgnat.isEmpty()) {
      return new AttributionOutcome.Unattributed(UnattributedReason.PRIVATE_ADDRESS, null,
          GeoFacts.NOTHING);
    }
    GeoFacts facts = geo.lookup(address);
    OperatorRef operator;
    CidrBlock range = null;
    if (cgnat.isPresent()) {
      operator = cgnat.get().value();
      range = cgnat.get().block();
    } else {
      Optional<OperatorRef> byAsn = directory.byAsn(facts.asn());
      if (byAsn.isEmpty()) {
        return elsewhere(facts);
      }
      operator = byAsn.get();
    }
    Duration kept = Duration.ofDays(Math.min(retention.toDays(), operator.retentionDays()));
    Instant limit = event.occurredAt().plus(kept);
    if (!limit.isAfter(now)) {
      return new AttributionOutcome.Expired(operator,
          limit.atOffset(ZoneOffset.UTC).toLocalDate(), facts);
    }
    if (range != null && event.port() == null) {
      return new AttributionOutcome.PortNeeded(operator, range, facts);
    }
    return new AttributionOutcome.France(operator, range, facts);
  }

  private AttributionOutcome elsewhere(GeoFacts facts) {
    if (!geo.available()) {
      return new AttributionOutcome.Unattributed(UnattributedReason.NO_GEOIP_DATABASE,
          geo.status(), facts);
    }
    String asn = facts.asn() == null ? null
        : "AS" + facts.asn() + (facts.asOrganization() == null ? "" : " " + facts.asOrganization());
    if ("FR".equals(facts.country())) {
      return new AttributionOutcome.Unattributed(UnattributedReason.FRENCH_UNKNOWN_OPERATOR,
          asn == null ? "no ASN" : asn, facts);
    }
    if (facts.country() != null) {
      return new AttributionOutcome.Foreign(facts.country(), facts);
    }
    if (facts.asn() != null) {
      return new AttributionOutcome.Unattributed(UnattributedReason.NO_COUNTRY, asn, facts);
    }
    return new AttributionOutcome.Unattributed(UnattributedReason.NOT_IN_GEOIP, null, facts);
  }
}
