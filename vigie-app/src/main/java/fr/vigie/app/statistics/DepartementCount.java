package fr.vigie.app.statistics;

/** One département's figures: reports received there, and how many ended identified. */
public record DepartementCount(String code, String name, long reports, long identifiedReports) {}
