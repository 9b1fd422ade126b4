package fr.vigie.formats.intake;

/**
 * A value that does not fit the Vigie formats, with the reason in words; the reader that catches
 * it adds where (line, column, field). Unchecked and without a stack trace: it is control flow
 * for bad input, not a bug.
 */
final class Problem extends RuntimeException {

  Problem(String reason) {
    super(reason, null, false, false);
  }
}
