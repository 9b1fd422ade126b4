package fr.vigie.app.attribution;

import java.util.List;

/** A French operator in the directory: how to reach it and how to recognise its addresses. */
public record Operator(long id, String code, String name, String legalContact, String legalEmail,
    String portalUrl, int answerDelayDays, int retentionDays, boolean active, List<Long> asns,
    List<String> cgnatRanges) {}
