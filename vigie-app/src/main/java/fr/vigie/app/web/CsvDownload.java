package fr.vigie.app.web;

import fr.vigie.formats.csv.CsvWriter;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;

/**
 * A list page's CSV export as the browser downloads it: UTF-8 with a byte order mark (so that
 * spreadsheets open the accents as such), an attachment, formulas neutralised ({@link
 * CsvWriter}), every cell made visible ({@link VisibleText}), and at most {@link #MAX_ROWS}
 * rows, the file saying so in its last line when the list had more.
 */
public final class CsvDownload {

  /** The most rows one export writes: the filters narrow a bigger list. */
  public static final int MAX_ROWS = 100_000;

  private final CsvWriter csv;
  private int written;

  private CsvDownload(CsvWriter csv) {
    this.csv = csv;
  }

  /** Sets the response's headers, writes the byte order mark and the header record. */
  public static CsvDownload start(HttpServletResponse response, String filename,
      List<String> header) throws IOException {
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.setContentType("text/csv;charset=UTF-8");
    response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
        ContentDisposition.attachment().filename(filename).build().toString());
    Writer out = response.getWriter();
    out.write('\uFEFF');
    CsvDownload download = new CsvDownload(new CsvWriter(out));
    download.csv.writeRecord(header);
    return download;
  }

  /** Returns whether another row fits under {@link #MAX_ROWS}. */
  public boolean hasRoom() {
    return written < MAX_ROWS;
  }

  /** Returns how many rows fit before the cap. */
  public int room() {
    return MAX_ROWS - written;
  }

  /** Writes one row (made visible and neutralised). */
  public void row(List<String> cells) throws IOException {
    csv.writeRecord(VisibleText.all(cells.stream().map(c -> c == null ? "" : c).toList()));
    written++;
  }

  /**
   * Ends the file: when {@code more} (the list went on past the cap), a last line says that the
   * export stopped at {@link #MAX_ROWS} rows, in the caller's words.
   */
  public void finish(boolean more, String cappedLine) throws IOException {
    if (more) {
      csv.writeRecord(List.of(cappedLine));
    }
    csv.flush();
  }
}
