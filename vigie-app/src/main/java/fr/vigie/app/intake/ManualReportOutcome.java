package fr.vigie.app.intake;

import java.util.Map;

/** What became of a typed report. */
public sealed interface ManualReportOutcome {

  /** Stored as report {@code reportId} by import job {@code importJobId}. */
  record Stored(long reportId, long importJobId) implements ManualReportOutcome {}

  /**
   * Not stored: for each field in error (as named in {@link ManualReport}), the message key of
   * what is wrong with it ({@code intake.form.error.*}).
   */
  record Invalid(Map<String, String> errors) implements ManualReportOutcome {
    public Invalid {
      errors = Map.copyOf(errors);
    }
  }
}
