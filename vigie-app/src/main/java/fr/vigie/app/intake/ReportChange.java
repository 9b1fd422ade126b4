package fr.vigie.app.intake;

/** What became of a change asked of one report. */
public sealed interface ReportChange {

  long reportId();

  /** Done, and on the report's history and the audit record. */
  record Made(long reportId) implements ReportChange {}

  /**
   * Not done; {@code reason} is the message key of why ({@code intake.work.refused.*}). A report
   * outside the caller's scope is refused as not found, like one that does not exist.
   */
  record Refused(long reportId, String reason) implements ReportChange {}
}
