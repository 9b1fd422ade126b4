package fr.vigie.app.attribution;

import java.util.List;

/**
 * One operator answer file imported: what went in, and each line that did not, with why.
 *
 * @param importJobId the {@code import_jobs} row (kind OPERATOR_ANSWER) holding the rejects
 * @param requisitions references of the requisitions the file answered
 */
public record AnswerImportSummary(long importJobId, String fileName, long linesRead,
    long accepted, List<AnswerReject> rejects, List<String> requisitions,
    long identified, long unknown) {

  /**
   * A line that did not go in.
   *
   * @param column 1-based field number (0 when the whole line is at fault)
   * @param field the column's name in the documented format
   */
  public record AnswerReject(long line, long column, String field, String reason) {
    @Override
    public String toString() {
      return "line " + line + (column > 0 ? ", column " + column + " (" + field + ")" : "")
          + ": " + reason;
    }
  }
}
