package fr.vigie.app.attribution;

/**
 * Who held the address at that instant, as the operator answered.
 *
 * @param outcome IDENTIFIED or UNKNOWN (the operator could not say)
 * @param departementCode from the postal code; null abroad or for overseas collectivities
 * @param unitCode the unit responsible for that département
 */
public record Subscriber(long id, long requisitionItemId, String outcome, String fullName,
    String address, String postalCode, String city, String departementCode,
    String contractType, Long unitId, String unitCode, String unitName) {}
