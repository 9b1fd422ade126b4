package fr.vigie.app.operations;

/** An operation as typed in the browser, before it is checked. */
public record OperationForm(String reference, String title, String day, String hour,
    String leadUnitCode) {}
