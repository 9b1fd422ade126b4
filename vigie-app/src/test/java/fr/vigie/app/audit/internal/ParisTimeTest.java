package fr.vigie.app.audit.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.DateTimeException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ParisTimeTest {

  @Test
  void readsAWinterTimeAsOneHourAheadOfUtc() {
    assertEquals(Instant.parse("2026-01-15T09:00:00Z"), ParisTime.startOf("2026-01-15T10:00"));
  }

  @Test
  void makesTheEndInclusiveOfItsMinuteSecondOrDay() {
    assertEquals(Instant.parse("2026-07-14T08:01:00Z"), ParisTime.endOf("2026-07-14T10:00"));
    assertEquals(Instant.parse("2026-07-14T08:00:16Z"), ParisTime.endOf("2026-07-14T10:00:15"));
    assertEquals(Instant.parse("2026-07-14T22:00:00Z"), ParisTime.endOf("2026-07-14"));
    assertEquals(Instant.parse("2026-07-13T22:00:00Z"), ParisTime.startOf("2026-07-14"));
  }

  @Test
  void coversBothOccurrencesOfTheAutumnHour() {
    assertEquals(Instant.parse("2026-10-25T00:30:00Z"), ParisTime.startOf("2026-10-25T02:30"));
    assertEquals(Instant.parse("2026-10-25T01:31:00Z"), ParisTime.endOf("2026-10-25T02:30"));
  }

  @Test
  void movesATimeInTheSpringGapForward() {
    // 2026-03-29 02:30 does not exist in Paris; the clocks read 03:30 +02:00 then.
    assertEquals(Instant.parse("2026-03-29T01:30:00Z"), ParisTime.startOf("2026-03-29T02:30"));
  }

  @Test
  void showsParisTimeWithItsOffset() {
    assertEquals("2026-10-25 02:30:00 +02:00", ParisTime.show(Instant.parse("2026-10-25T00:30:00Z")));
    assertEquals("2026-10-25 02:30:00 +01:00", ParisTime.show(Instant.parse("2026-10-25T01:30:00Z")));
  }

  @Test
  void acceptsASpaceForTheTAndRefusesNonsense() {
    assertEquals(Instant.parse("2026-01-15T09:00:00Z"), ParisTime.startOf(" 2026-01-15 10:00 "));
    assertThrows(DateTimeException.class, () -> ParisTime.startOf("hier"));
    assertThrows(DateTimeException.class, () -> ParisTime.startOf("2026-02-30"));
  }
}
