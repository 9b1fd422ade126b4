package fr.vigie.app.attribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Requisition times across the 2026 daylight-saving changes in Paris: 29 March (02:00 CET →
 * 03:00 CEST, at 01:00 UTC) and 25 October (03:00 CEST → 02:00 CET, at 01:00 UTC). The tests run
 * in Pacific/Chatham, so a hidden default zone would show.
 */
class RequisitionTimesTest {

  @Test
  void springForwardSkipsAnHour() {
    Instant before = Instant.parse("2026-03-29T00:59:59Z");
    Instant after = Instant.parse("2026-03-29T01:00:00Z");
    assertEquals("2026-03-29T00:59:59Z", RequisitionTimes.utc(before));
    assertEquals("2026-03-29 01:59:59 +01:00", RequisitionTimes.paris(before));
    assertEquals("2026-03-29 03:00:00 +02:00", RequisitionTimes.paris(after));
  }

  @Test
  void autumnLivesTwoThirtyTwiceAndTheOffsetTellsThemApart() {
    Instant first = Instant.parse("2026-10-25T00:30:00Z");
    Instant second = Instant.parse("2026-10-25T01:30:00Z");
    assertEquals("2026-10-25 02:30:00 +02:00", RequisitionTimes.paris(first));
    assertEquals("2026-10-25 02:30:00 +01:00", RequisitionTimes.paris(second));
    assertNotEquals(RequisitionTimes.paris(first), RequisitionTimes.paris(second));
    assertEquals("2026-10-25T01:30:00Z", RequisitionTimes.utc(second));
  }

  @Test
  void millisecondsAreWrittenWhenTheInstantHasThem() {
    Instant sensor = Instant.parse("2026-11-20T08:00:00.123Z");
    assertEquals("2026-11-20T08:00:00.123Z", RequisitionTimes.utc(sensor));
    assertEquals("2026-11-20 09:00:00.123 +01:00", RequisitionTimes.paris(sensor));
    assertEquals("2026-10-25T01:30:00.007Z",
        RequisitionTimes.utc(Instant.parse("2026-10-25T01:30:00.007999Z")));
    assertEquals("2026-10-25T01:30:00Z",
        RequisitionTimes.utc(Instant.parse("2026-10-25T01:30:00.000400Z")), "under a ms: none");
  }

  @Test
  void nothingForNull() {
    assertEquals("", RequisitionTimes.utc(null));
    assertEquals("", RequisitionTimes.paris(null));
  }
}
