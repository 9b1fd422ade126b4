package fr.vigie.app.p2p;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The sensor's clock checked against a loopback SNTP server, and what happens without one. */
class TimeSourceTest {

  @Test
  void measuresTheOffsetAndCorrectsTheClock() throws Exception {
    try (FakeNtpServer ntp = new FakeNtpServer(Duration.ofMillis(4_321))) {
      TimeSource.Checked c = TimeSource.check(Clock.systemUTC(), ntp.address(),
          Duration.ofSeconds(2));
      long offset = c.offsetMs().orElseThrow();
      assertTrue(Math.abs(offset - 4_321) < 100, "offset " + offset);
      assertEquals("ntp:" + ntp.address().getHostString() + ":" + ntp.address().getPort(),
          c.source());
      long ahead = Duration.between(Instant.now(), c.clock().instant()).toMillis();
      assertTrue(Math.abs(ahead - offset) < 100, "the probe's clock is corrected: " + ahead);
    }
  }

  @Test
  void aServerThatDoesNotAnswerLeavesTheSystemClockUncheckedAndSaysSo() throws Exception {
    try (DatagramSocket silent = new DatagramSocket(
        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      InetSocketAddress address = (InetSocketAddress) silent.getLocalSocketAddress();
      TimeSource.Checked c = TimeSource.check(Clock.systemUTC(), address,
          Duration.ofMillis(300));
      assertTrue(c.offsetMs().isEmpty());
      assertTrue(c.source().startsWith("system clock (ntp:") && c.source().contains(
          "did not answer"), c.source());
    }
  }

  @Test
  void ntpTimestampsKeepSubMillisecondPrecision() {
    Instant i = Instant.parse("2026-10-25T01:30:00.123456789Z");
    Instant back = TimeSource.truncate(i);
    assertTrue(Math.abs(Duration.between(i, back).toNanos()) < 1_000, back.toString());
  }

  @Test
  void readsHostAndPort() throws Exception {
    assertEquals(123, TimeSource.server("127.0.0.1").getPort());
    assertEquals(1234, TimeSource.server("127.0.0.1:1234").getPort());
  }
}
