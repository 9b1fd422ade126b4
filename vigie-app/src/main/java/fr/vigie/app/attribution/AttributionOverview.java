package fr.vigie.app.attribution;

import java.util.List;
import java.util.Map;

/**
 * The attribution page's figures.
 *
 * @param byOutcome events per outcome
 * @param unattributedByReason unattributed events per reason code
 * @param pendingByOperator FRANCE events not yet in a requisition, per operator
 * @param foreignByCountry FOREIGN events per country code
 * @param notYetAttributed events attribution has not decided yet (no outcome above)
 */
public record AttributionOverview(Map<String, Long> byOutcome,
    Map<String, Long> unattributedByReason, List<OperatorCount> pendingByOperator,
    Map<String, Long> foreignByCountry, String geoIpStatus, long notYetAttributed) {

  public record OperatorCount(long operatorId, String code, String name, long events) {}
}
