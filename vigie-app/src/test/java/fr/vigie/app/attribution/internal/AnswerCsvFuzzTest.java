package fr.vigie.app.attribution.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.vigie.geo.IpAddress;
import fr.vigie.testing.Fuzz;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Bounded fuzzing of the operators' answer reader ({@code ./vigie import answer} and the
 * requisition page), read as {@code Requisitions.importAnswer} reads it: seeded mutations of good
 * answer files must each end in lines that are an {@link AnswerCsv.Line.Answer} whose values hold
 * what the format promises and what the store can hold (no NUL, which PostgreSQL text refuses;
 * no value longer than its column) or an {@link AnswerCsv.Line.Bad} with its line and a reason
 * that can be stored too — never in an exception — within {@link #PER_INPUT_MILLIS}.
 */
class AnswerCsvFuzzTest {

  static final long PER_INPUT_MILLIS = 5_000;

  static final String GOOD = AnswerCsvTest.HEADER
      + "RQ-2026-000001,198.51.100.10,40000,2026-10-25T01:30:00Z,DUPONT Jean,"
      + "\"12 rue de l'Exemple, bât. B\",69003,Lyon,fixe\n"
      + "RQ-2026-000001,2001:DB8:0:0::5,,2026-10-25T02:30:00+01:00,unknown,,,,\n"
      + "RQ-2026-000002,203.0.113.77,51413,2026-03-29T00:59:59Z,MARTIN Léa,"
      + "\"1 place \"\"du\"\" Port\",20090,Ajaccio,mobile\r\n"
      + "RQ-2026-000002,192.0.2.1,1,2026-03-29T03:00:00+02:00,inconnu,,,,\r\n"
      + "RQ-2026-000003,::ffff:192.0.2.9,65535,2026-12-31T23:59:59.999Z,Exemple SARL,"
      + "BP 12,97110,Pointe-à-Pitre,entreprise\n";

  static final List<byte[]> TOKENS = Fuzz.tokens(",", "\"", "\"\"", "\n", "\r\n", "\r", "\uFEFF",
      "\u0000", "unknown", "inconnu", "2026-10-25T01:30:00Z", "+18:00", "-18:00", "+99:99",
      "T25:61", "::", ":::", "%eth0", "[::1]", "256.256.256.256", "0x7f.1", "65536", "-1",
      "99999999999999999999", "20199", "20200", "97", "975", "98000", "00000", "e9", "\u202E",
      "\uD800", "requisition", "=cmd|' /C calc'!A0");

  @Test
  void mutatedAnswerFilesEndInAnswersOrBadLinesNeverInAnException() {
    int runs = Fuzz.run("answer-csv", List.of(GOOD.getBytes(StandardCharsets.UTF_8),
        (AnswerCsvTest.HEADER + "RQ-1,198.51.100.10,,2026-10-25T01:30:00Z,A,,75001,,\n")
            .getBytes(StandardCharsets.UTF_8)), TOKENS,
        e -> e instanceof IOException, PER_INPUT_MILLIS, AnswerCsvFuzzTest::readAndCheck);
    assertTrue(runs > 0);
  }

  /** Reads as the import does, and checks what each line promises. */
  static void readAndCheck(byte[] input) throws IOException {
    List<AnswerCsv.Line> lines = new ArrayList<>();
    AnswerCsv.read(new InputStreamReader(new ByteArrayInputStream(input),
        StandardCharsets.UTF_8), lines::add);
    for (AnswerCsv.Line line : lines) {
      switch (line) {
        case AnswerCsv.Line.Bad b -> {
          check(b.line() >= 1, "a bad line without its number: " + b);
          check(b.reason() != null && !b.reason().isBlank(), "a bad line without why: " + b);
          check(storable(b.reason(), Integer.MAX_VALUE), "a reason the store refuses: " + b);
          check(b.field() == null || b.field().length() <= 200, "field: " + b);
        }
        case AnswerCsv.Line.Answer a -> {
          check(!a.requisition().isEmpty(), "an answer without requisition: " + a);
          check(storable(a.identity(), 300) && storable(a.address(), Integer.MAX_VALUE)
              && storable(a.city(), 200) && storable(a.contractType(), 40)
              && storable(a.requisition(), Integer.MAX_VALUE), "a value the store refuses: " + a);
          check(IpAddress.parse(a.ip()).toString().equals(a.ip()), "not canonical: " + a);
          check(a.port() == null || (a.port() >= 1 && a.port() <= 65535), "port: " + a);
          check(a.at() != null, "no instant: " + a);
          if (a.identified()) {
            check(a.identity() != null && !a.identity().isEmpty(), "no identity: " + a);
            check(a.postalCode().matches("\\d{5}"), "postal code: " + a);
            check(a.departement() == null || a.departement().matches("\\d{2,3}|2A|2B"),
                "département: " + a);
          }
        }
      }
    }
  }

  /** What a text column of the answer's tables holds: no NUL, at most {@code max} characters. */
  static boolean storable(String value, int max) {
    return value == null || (value.indexOf('\u0000') < 0 && value.length() <= max);
  }

  private static void check(boolean ok, String what) {
    if (!ok) {
      throw new AssertionError(what);
    }
  }
}
