package fr.vigie.bittorrent.tracker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.vigie.bittorrent.bencode.BencodeWriter;
import fr.vigie.bittorrent.fakes.FakeHttpTracker;
import fr.vigie.bittorrent.fakes.FakeUdpTracker;
import fr.vigie.bittorrent.wire.PeerIds;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrackerTest {

  private static final byte[] HASH = HexFormat.of().parseHex("00112233445566778899aabbccddeeff00010203");
  private static final String HEX = HexFormat.of().formatHex(HASH);
  private static final Instant AT = Instant.parse("2026-01-02T03:04:05.678Z");

  private static TrackerOptions fast() {
    return new TrackerOptions(Clock.systemUTC(), Duration.ofSeconds(3), Duration.ofMillis(150), 3, 1 << 20, 4);
  }

  private static AnnounceRequest request() {
    return new AnnounceRequest(HASH, PeerIds.generate(), 6881, 123_456, AnnounceRequest.Event.STARTED, 50, 42);
  }

  private static InetSocketAddress peer(String ip, int port) throws Exception {
    return new InetSocketAddress(InetAddress.getByName(ip), port);
  }

  @Test
  void readsCompactPeersAndPeers6() throws Exception {
    byte[] v4 = {127, 0, 0, 2, 0x1a, (byte) 0xe1, 127, 0, 0, 3, 0, 0};
    byte[] v6 = new byte[18];
    v6[15] = 1;
    v6[16] = 0x1a;
    v6[17] = (byte) 0xe2;
    byte[] body = BencodeWriter.encode(Map.of("interval", 900, "complete", 3, "incomplete", 1, "peers", v4, "peers6", v6));
    AnnounceResult.Peers p = assertInstanceOf(AnnounceResult.Peers.class, HttpTracker.parse("u", AT, body));
    assertEquals(List.of(peer("127.0.0.2", 6881), peer("::1", 6882)), p.peers(), "port 0 dropped");
    assertEquals(900, p.intervalSeconds());
    assertEquals(3, p.seeders().getAsInt());
    assertEquals(1, p.leechers().getAsInt());
  }

  @Test
  void readsTheOriginalDictionaryPeersButNeverResolvesNames() throws Exception {
    byte[] body = BencodeWriter.encode(Map.of("interval", 60, "peers", List.of(
        Map.of("ip", "127.0.0.9", "port", 51413, "peer id", "x".repeat(20)),
        Map.of("ip", "tracker.example.invalid", "port", 1),
        Map.of("ip", "::1", "port", 7))));
    AnnounceResult.Peers p = assertInstanceOf(AnnounceResult.Peers.class, HttpTracker.parse("u", AT, body));
    assertEquals(List.of(peer("127.0.0.9", 51413), peer("::1", 7)), p.peers());
  }

  @Test
  void aFailureReasonIsARefusalAndJunkIsAFailure() {
    byte[] body = BencodeWriter.encode(Map.of("failure reason", "unregistered torrent"));
    assertEquals("unregistered torrent", assertInstanceOf(AnnounceResult.Refused.class, HttpTracker.parse("u", AT, body)).reason());
    assertInstanceOf(AnnounceResult.Failed.class, HttpTracker.parse("u", AT, "<html>".getBytes()));
    assertInstanceOf(AnnounceResult.Failed.class, HttpTracker.parse("u", AT, "i3e".getBytes()));
  }

  @Test
  void theQuerySaysLeecherHoldingNothing() {
    String q = HttpTracker.query(request());
    assertTrue(q.contains("uploaded=0&downloaded=0&left=123456"), q);
    assertTrue(q.contains("event=started"), q);
    assertTrue(q.contains("info_hash=%00%11%223DUfw%88%99%AA%BB%CC%DD%EE%FF%00%01%02%03"), q);
    assertTrue(q.contains("compact=1"), q);
    assertTrue(q.contains("&key=0000002a"), "ASCII hex whatever the locale: " + q);
  }

  @Test
  void aSensorCannotAnnounceAsASeed() {
    assertThrows(IllegalArgumentException.class,
        () -> new AnnounceRequest(HASH, PeerIds.generate(), 6881, 0, AnnounceRequest.Event.STARTED, 50, 1));
  }

  @Test
  void announcesToALoopbackHttpTracker() throws Exception {
    try (FakeHttpTracker tracker = FakeHttpTracker.start()) {
      tracker.list(HEX, peer("127.0.0.5", 5000));
      tracker.list(HEX, peer("::1", 5001));
      AnnounceResult r = new Trackers(fast()).announce(tracker.url(), request());
      AnnounceResult.Peers p = assertInstanceOf(AnnounceResult.Peers.class, r);
      assertEquals(2, p.peers().size());
      FakeHttpTracker.Announce a = tracker.announces.get(0);
      assertEquals(HEX, a.infoHashHex());
      assertEquals(0, a.uploaded());
      assertEquals(0, a.downloaded());
      assertEquals(123_456, a.left());
      assertEquals("started", a.event());
      assertTrue(a.peerIdText().startsWith(PeerIds.PREFIX));
      tracker.answerWithDictionaries(true);
      assertEquals(2, assertInstanceOf(AnnounceResult.Peers.class, new Trackers(fast()).announce(tracker.url(), request())).peers().size());
      tracker.refuse(HEX, "not here");
      assertInstanceOf(AnnounceResult.Refused.class, new Trackers(fast()).announce(tracker.url(), request()));
    }
  }

  @Test
  void announcesToALoopbackUdpTrackerRetryingLostPackets() throws Exception {
    try (FakeUdpTracker tracker = FakeUdpTracker.start()) {
      tracker.list(HEX, peer("127.0.0.6", 6000));
      tracker.drop(2); // the first connect and its first retry are lost
      AnnounceResult r = new Trackers(fast()).announce(tracker.url(), request());
      AnnounceResult.Peers p = assertInstanceOf(AnnounceResult.Peers.class, r, r.toString());
      assertEquals(List.of(peer("127.0.0.6", 6000)), p.peers());
      assertEquals(1, p.seeders().getAsInt());
      FakeUdpTracker.Announce a = tracker.announces.get(0);
      assertEquals(0, a.uploaded());
      assertEquals(0, a.downloaded());
      assertEquals(123_456, a.left());
      assertEquals(2, a.event(), "started");
      assertEquals(4, tracker.received.get(), "2 lost, 1 connect, 1 announce");
      tracker.refuse(HEX, "go away");
      assertEquals("go away", assertInstanceOf(AnnounceResult.Refused.class, new Trackers(fast()).announce(tracker.url(), request())).reason());
    }
  }

  @Test
  void aSilentUdpTrackerFailsWithinItsBoundedRetries() throws Exception {
    try (FakeUdpTracker tracker = FakeUdpTracker.start()) {
      tracker.drop(100);
      long t0 = System.nanoTime();
      AnnounceResult r = new Trackers(fast()).announce(tracker.url(), request());
      long ms = (System.nanoTime() - t0) / 1_000_000;
      assertInstanceOf(AnnounceResult.Failed.class, r);
      assertEquals(3, tracker.received.get(), "3 attempts");
      assertTrue(ms >= 150 + 300 + 600 - 50 && ms < 5000, ms + " ms: 150 + 300 + 600 doubling");
    }
  }

  @Test
  void announcesToEveryTrackerOfEveryTier() throws Exception {
    try (FakeHttpTracker a = FakeHttpTracker.start(); FakeUdpTracker b = FakeUdpTracker.start(); FakeHttpTracker c = FakeHttpTracker.start()) {
      List<AnnounceResult> results = new Trackers(fast()).announceAll(
          List.of(List.of(a.url(), b.url()), List.of(c.url(), "wss://127.0.0.1:1/x"), List.of(a.url())), request());
      assertEquals(4, results.size(), "duplicates asked once");
      assertEquals(1, a.announces.size());
      assertEquals(1, b.announces.size());
      assertEquals(1, c.announces.size());
      assertInstanceOf(AnnounceResult.Failed.class, results.get(3));
    }
  }
}
