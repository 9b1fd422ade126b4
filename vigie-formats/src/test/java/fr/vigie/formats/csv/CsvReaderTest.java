package fr.vigie.formats.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvReaderTest {

  private static List<CsvRow> read(String text) {
    try (CsvReader reader = new CsvReader(new StringReader(text))) {
      return reader.stream().toList();
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void readsPlainAndQuotedFieldsWithTheirLineNumbers() {
    List<CsvRow> rows = read("code,nom\r\n01,Ain\n\"2A\",\"Corse-du-Sud, \"\"ajaccio\"\"\"\n");
    assertEquals(List.of(
        new CsvRow.Fields(1, List.of("code", "nom")),
        new CsvRow.Fields(2, List.of("01", "Ain")),
        new CsvRow.Fields(3, List.of("2A", "Corse-du-Sud, \"ajaccio\""))), rows);
  }

  @Test
  void keepsLineBreaksInsideQuotesAndCountsLinesAfterThem() {
    List<CsvRow> rows = read("a,\"two\nlines\"\r\nb,c\n");
    assertEquals(new CsvRow.Fields(1, List.of("a", "two\nlines")), rows.get(0));
    assertEquals(new CsvRow.Fields(3, List.of("b", "c")), rows.get(1));
  }

  @Test
  void dropsByteOrderMarkAndSkipsBlankLines() {
    List<CsvRow> rows = read("\uFEFFx,y\n\n\r\nz,\n");
    assertEquals(List.of(new CsvRow.Fields(1, List.of("x", "y")),
        new CsvRow.Fields(4, List.of("z", ""))), rows);
  }

  @Test
  void reportsStrayQuoteAndGoesOnWithTheNextLine() {
    List<CsvRow> rows = read("ok,1\nbad\"field,2\nok,3\n");
    assertEquals(3, rows.size());
    CsvRow.Malformed bad = assertInstanceOf(CsvRow.Malformed.class, rows.get(1));
    assertEquals(2, bad.line());
    assertEquals(4, bad.column());
    assertEquals("quote inside an unquoted field", bad.reason());
    assertEquals("bad\"field,2", bad.raw());
    assertEquals(new CsvRow.Fields(3, List.of("ok", "3")), rows.get(2));
  }

  @Test
  void reportsTextAfterClosingQuote() {
    CsvRow row = read("\"a\"b,c\nnext,1").get(0);
    assertEquals("text after a closing quote",
        assertInstanceOf(CsvRow.Malformed.class, row).reason());
  }

  @Test
  void reportsUnterminatedQuoteAtEndOfInput() {
    List<CsvRow> rows = read("a,b\nc,\"never closed\n");
    CsvRow.Malformed bad = assertInstanceOf(CsvRow.Malformed.class, rows.get(1));
    assertEquals(2, bad.line());
    assertEquals("unterminated quoted field", bad.reason());
  }

  @Test
  void refusesFieldsLongerThanTheLimitWithoutReadingThemWhole() {
    String huge = "x".repeat(1000);
    try (CsvReader reader = new CsvReader(new StringReader("a," + huge + "\nb,c\n"), ',', 100)) {
      List<CsvRow> rows = reader.stream().toList();
      CsvRow.Malformed bad = assertInstanceOf(CsvRow.Malformed.class, rows.get(0));
      assertEquals("field longer than 100 characters", bad.reason());
      assertEquals(new CsvRow.Fields(2, List.of("b", "c")), rows.get(1));
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void honoursAnotherSeparator() {
    try (CsvReader reader = new CsvReader(new StringReader("a;b,c\n"), ';', 10)) {
      assertEquals(List.of(new CsvRow.Fields(1, List.of("a", "b,c"))), reader.stream().toList());
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }
}
