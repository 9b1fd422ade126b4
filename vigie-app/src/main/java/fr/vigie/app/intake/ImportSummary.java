package fr.vigie.app.intake;

import java.util.List;

/**
 * What an import of one input did (or, for a dry run, would do).
 *
 * @param jobId the {@code import_jobs} row, null for a dry run
 * @param read records read: accepted and rejected
 * @param persons, identifiers, ipEvents, media, victimHints rows written for the new reports and
 *     new versions (a dry run counts what it would write)
 * @param rejections every rejection, in input order (those with nothing kept to correct
 *     included, which the job summarises by reason rather than quarantining one by one)
 * @param outcome what the input was: REPORTS, or why nothing in it could go in
 */
public record ImportSummary(String input, Long jobId, long read, long created, long newVersions,
    long unchanged, long rejected, long persons, long identifiers, long ipEvents, long media,
    long victimHints, List<Rejection> rejections, InputOutcome outcome) {

  public ImportSummary {
    rejections = List.copyOf(rejections);
  }

  /** A record that went to quarantine: where and why. */
  public record Rejection(String file, long line, long column, String field, String reason) {}
}
