package fr.vigie.formats.cybertip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The quick paths the reader takes for common phone numbers, dates and labels give exactly what
 * the general ones (libphonenumber, java.time's ISO parser, regular expressions) give.
 */
class QuickPathsTest {

  @Test
  void frenchNumbersAsLibphonenumberFormatsThem() {
    Random r = new Random(7);
    for (int i = 0; i < 20_000; i++) {
      String national = "0" + (1 + r.nextInt(9)) + String.format("%08d", r.nextInt(100_000_000));
      String code = switch (i % 3) {
        case 0 -> null;
        case 1 -> "+33";
        default -> " 33 ";
      };
      String quick = Phone.quickFrench(national, code);
      assertNotNull(quick, national);
      assertEquals(Phone.libphonenumber(national, code), quick, national);
      String international = "+33" + national.substring(1);
      assertEquals(Phone.libphonenumber(international, code),
          Phone.quickFrench(international, code), international);
    }
  }

  @Test
  void otherNumbersTakeTheGeneralPath() {
    for (String odd : List.of("06 12 34 56 78", "0012345678", "+4420794601234", "061234567",
        "06123456789", "+330612345678", "06-12-34-56-78", "٠٦١٢٣٤٥٦٧٨")) {
      assertNull(Phone.quickFrench(odd, null), odd);
    }
    assertNull(Phone.quickFrench("0612345678", "+44"));
    assertEquals(Phone.libphonenumber("06 12 34 56 78", null), Phone.e164("06 12 34 56 78", null));
  }

  @Test
  void dateTimesAsJavaTimeReadsThem() {
    for (String t : List.of("2024-01-15T14:30:00.000Z", "2024-01-15T14:30:00Z",
        "2024-01-15T14:30Z", "2024-01-15T14:30:00-07:00", "2024-01-15T14:30:00.123456789+05:45",
        "2024-01-15T14:30:00.1-00:00", "2024-01-15T14:30:00", "2024-01-15T14:30",
        "2024-02-29T23:59:59.5+14:00", "1999-12-31T00:00:00-12:00")) {
      EventTime quick = EventTime.quick(t);
      assertNotNull(quick, t);
      assertEquals(general(t), quick, t);
    }
  }

  @Test
  void unusualOrImpossibleDateTimesTakeTheGeneralPath() {
    for (String t : List.of("2024-01-15t14:30:00z", "2023-02-29T10:00:00Z", "2024-13-01T10:00Z",
        "2024-01-15T24:00:00Z", "2024-01-15T14:30:00+18:30", "2024-01-15T14:30:00.Z",
        "2024-01-15T14:30:00+0700", "2024-01-15 14:30:00Z", "+12024-01-15T14:30:00Z",
        "2024-01-15T14:30:00.1234567890Z", "2024-01-15T14:30:00+05:30:15")) {
      assertNull(EventTime.quick(t), t);
    }
    assertThrows(DateTimeParseException.class, () -> EventTime.parse("2023-02-29T10:00:00Z"));
    assertEquals(general("2024-01-15t14:30:00z"), EventTime.parse("2024-01-15t14:30:00z"));
  }

  @Test
  void labelKeysAsTheRegularExpressionMadeThem() {
    for (String s : List.of("  Child  Sexual\tMolestation ", "a \t b", "Reported",
        "Supplemental\n\n Reported", "x\u000By", "\tA\fB\rC ", " ", "", "é  É")) {
      assertEquals(s.strip().replaceAll("\\s+", " ").toLowerCase(java.util.Locale.ROOT),
          IncidentType.key(s), s);
    }
    assertEquals(IncidentType.CHILD_SEXUAL_MOLESTATION,
        IncidentType.fromLabel("child   sexual MOLESTATION"));
  }

  @Test
  void hexValuesCheckedAsBefore() {
    assertNull(FileHash.problem(FileHash.Algorithm.MD5, "0123456789abcdefABCDEF0123456789"));
    assertNotNull(FileHash.problem(FileHash.Algorithm.MD5, "0123456789abcdefABCDEF012345678g"));
    assertNotNull(FileHash.problem(FileHash.Algorithm.SHA1, "0123456789abcdef"));
  }

  /** What EventTime.parse did before its quick path. */
  private static EventTime general(String s) {
    try {
      var t = java.time.OffsetDateTime.parse(s);
      return new EventTime(s, t.toLocalDateTime(), t.getOffset());
    } catch (DateTimeParseException withoutOffset) {
      return new EventTime(s, java.time.LocalDateTime.parse(s), null);
    }
  }
}
