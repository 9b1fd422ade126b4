package fr.vigie.app.intake;

/**
 * What an input file of reports turned out to be, once its import ended
 * ({@code import_jobs.outcome}); the pages and the API word each one in French and English
 * ({@code intake.outcome.*}), and {@code import_jobs.last_error} holds the reader's reason.
 *
 * <p>The refusals name what the file is not, and why: no retry can change them, so a job that
 * ends in one is not tried again.
 */
public enum InputOutcome {

  /** Read as a file of reports; records that could not go in are quarantined. */
  REPORTS(Ending.DONE),
  /** The file is empty. */
  EMPTY(Ending.REFUSED),
  /** Only NUL bytes (zeros): a disk or a transfer that wrote nothing. */
  ZEROS(Ending.REFUSED),
  /** A picture (PNG, JPEG, GIF, BMP, WebP, TIFF), not a report file. */
  PICTURE(Ending.REFUSED),
  /** Binary data of another kind (a PDF, an archive, a program...). */
  BINARY(Ending.REFUSED),
  /** UTF-16 or UTF-32 text: Vigie reads UTF-8 only. */
  UTF16(Ending.REFUSED),
  /** Text, but nothing in it could be read as a report of its format (the reason says why). */
  NOT_REPORTS(Ending.REFUSED),
  /** A zip that cannot be opened: damaged or cut short. */
  DAMAGED_ZIP(Ending.REFUSED),
  /** A zip refused for what it inflates to (a zip bomb?). */
  ZIP_BOMB(Ending.REFUSED),
  /** A zip (or a folder) none of whose entries is a file of reports (the summary lists them). */
  NO_REPORT_ENTRY(Ending.REFUSED),
  /** The spooled upload is gone: the file must be sent again. */
  MISSING(Ending.FAILED),
  /** The process running the import died; the job queue runs it again. */
  INTERRUPTED(Ending.FAILED),
  /** An error of Vigie's own (the reason says which). */
  ERROR(Ending.FAILED),
  /** Withdrawn before it ran. */
  CANCELLED(Ending.CANCELLED);

  /** The {@code import_jobs.status} a job with this outcome ends in. */
  public enum Ending { DONE, REFUSED, FAILED, CANCELLED }

  private final Ending ending;

  InputOutcome(Ending ending) {
    this.ending = ending;
  }

  public Ending ending() {
    return ending;
  }

  /** True when the file itself is the problem, so that trying again cannot help. */
  public boolean refused() {
    return ending == Ending.REFUSED;
  }

  /** The outcome stored under that name, or null (jobs that ended before outcomes were kept). */
  public static InputOutcome ofName(String name) {
    if (name == null) {
      return null;
    }
    for (InputOutcome o : values()) {
      if (o.name().equals(name)) {
        return o;
      }
    }
    return null;
  }
}
