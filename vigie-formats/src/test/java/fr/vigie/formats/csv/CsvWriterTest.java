package fr.vigie.formats.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CsvWriterTest {

  private static String writeWith(CsvWriter.FormulaGuard guard, String... fields) throws IOException {
    StringWriter text = new StringWriter();
    try (CsvWriter csv = new CsvWriter(text, ',', guard)) {
      csv.writeRecord(fields);
    }
    return text.toString();
  }

  private static String write(String... fields) throws IOException {
    return writeWith(CsvWriter.FormulaGuard.NEUTRALISE, fields);
  }

  @Test
  void writesPlainFieldsUnquotedAndEndsRecordsWithCrLf() throws IOException {
    assertEquals("a,b,c\r\n", write("a", "b", "c"));
  }

  @Test
  void quotesFieldsHoldingSeparatorsQuotesOrLineBreaks() throws IOException {
    assertEquals("\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\rhere\"\r\n",
        write("a,b", "say \"hi\"", "two\nlines", "cr\rhere"));
  }

  @Test
  void writesNullAsAnEmptyFieldAndKeepsEmptyFields() throws IOException {
    assertEquals(",,x\r\n", write(null, "", "x"));
  }

  @Test
  void neutralisesTheClassicCommandInjection() throws IOException {
    assertEquals("'=cmd|' /C calc'!A0\r\n", write("=cmd|' /C calc'!A0"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"=1+1", "+33 1 23", "-2", "@SUM(A1)", "\tindent"})
  void prefixesEveryCellThatStartsLikeAFormula(String cell) throws IOException {
    assertEquals("'" + cell + "\r\n", write(cell));
  }

  @Test
  void neutralisesALeadingCarriageReturnAndStillQuotesIt() throws IOException {
    assertEquals("\"'\r=1\"\r\n", write("\r=1"));
  }

  @Test
  void leavesFormulaCharactersAloneWhenNotFirst() throws IOException {
    assertEquals("a=b,x-y,mail@example.org\r\n", write("a=b", "x-y", "mail@example.org"));
  }

  @Test
  void writesFormulasAsIsWhenAskedTo() throws IOException {
    assertEquals("=1+1\r\n", writeWith(CsvWriter.FormulaGuard.AS_IS, "=1+1"));
  }

  @Test
  void usesTheChosenSeparator() throws IOException {
    StringWriter text = new StringWriter();
    CsvWriter csv = new CsvWriter(text, ';', CsvWriter.FormulaGuard.NEUTRALISE);
    csv.writeRecord("a;b", "c,d");
    csv.flush();
    assertEquals("\"a;b\";c,d\r\n", text.toString());
  }

  @Test
  void refusesAQuoteOrLineBreakAsSeparator() {
    assertThrows(IllegalArgumentException.class,
        () -> new CsvWriter(new StringWriter(), '"', CsvWriter.FormulaGuard.AS_IS));
    assertThrows(IllegalArgumentException.class,
        () -> new CsvWriter(new StringWriter(), '\n', CsvWriter.FormulaGuard.AS_IS));
  }

  @Test
  void whatItWritesReadsBackUnchangedOnRandomInput() throws IOException {
    long seed = new Random().nextLong();
    Random random = new Random(seed);
    String alphabet = "ab,\"\n\r é€;";
    List<List<String>> records = new ArrayList<>();
    for (int r = 0; r < 200; r++) {
      List<String> record = new ArrayList<>();
      int fields = 1 + random.nextInt(5);
      for (int f = 0; f < fields; f++) {
        StringBuilder field = new StringBuilder("v"); // never a formula start, never blank
        int length = random.nextInt(8);
        for (int i = 0; i < length; i++) {
          field.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        record.add(field.toString());
      }
      records.add(record);
    }
    StringWriter text = new StringWriter();
    try (CsvWriter csv = new CsvWriter(text)) {
      for (List<String> record : records) {
        csv.writeRecord(record);
      }
    }
    List<List<String>> read = new ArrayList<>();
    try (CsvReader reader = new CsvReader(new StringReader(text.toString()))) {
      for (CsvRow row : reader) {
        read.add(assertInstanceOf(CsvRow.Fields.class, row, "seed " + seed).values());
      }
    }
    // The reader turns a quoted CR or CRLF into LF: compare with that normalisation.
    List<List<String>> expected = records.stream()
        .map(rec -> rec.stream().map(v -> v.replace("\r\n", "\n").replace('\r', '\n')).toList())
        .toList();
    assertEquals(expected, read, "seed " + seed + ": " + Arrays.toString(text.toString().toCharArray()));
  }
}
