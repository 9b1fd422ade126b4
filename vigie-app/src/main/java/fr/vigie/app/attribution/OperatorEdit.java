package fr.vigie.app.attribution;

/**
 * An administrator's edit of one operator, as typed: lists are one item per line or separated by
 * commas; validation says which field is wrong.
 */
public record OperatorEdit(String code, String name, String legalContact, String legalEmail,
    String portalUrl, String answerDelayDays, String retentionDays, String asns,
    String cgnatRanges, boolean active) {}
