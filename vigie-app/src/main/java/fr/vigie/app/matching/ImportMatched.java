package fr.vigie.app.matching;

/**
 * Published when the media of one import run have been matched, so that the stages that read
 * the results (triage) go after them by cause, not by the order listeners happen to run in.
 *
 * @param importJobId the import run
 * @param media how many media items it matched
 */
public record ImportMatched(long importJobId, long media) {}
