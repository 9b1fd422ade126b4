package fr.vigie.app.attribution;

/**
 * What an officer fills in to batch one operator's pending events into a requisition, as typed.
 */
public record RequisitionRequest(String operatorCode, String procedureType, String procedureRef,
    String requestingOfficer) {}
