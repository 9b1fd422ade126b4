package fr.vigie.geo;

import java.util.Map;
import java.util.Optional;

/**
 * The French operators as attribution looks them up: by autonomous system, and by the CGNAT
 * ranges behind which one public address is shared by many subscribers (only address + source
 * port + instant identifies one). Immutable snapshot, rebuilt when an administrator edits it.
 */
public record OperatorDirectory(Map<Long, OperatorRef> byAsn, CidrTable<OperatorRef> cgnat) {

  public OperatorDirectory {
    byAsn = Map.copyOf(byAsn);
  }

  public static OperatorDirectory empty() {
    return new OperatorDirectory(Map.of(), CidrTable.empty());
  }

  public Optional<OperatorRef> byAsn(Long asn) {
    return asn == null ? Optional.empty() : Optional.ofNullable(byAsn.get(asn));
  }
}
