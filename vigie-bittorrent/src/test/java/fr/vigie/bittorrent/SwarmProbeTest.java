package fr.vigie.bittorrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.vigie.bittorrent.fakes.FakeDht;
import fr.vigie.bittorrent.fakes.FakeHttpTracker;
import fr.vigie.bittorrent.fakes.FakePeer;
import fr.vigie.bittorrent.fakes.FakePeer.Behaviour;
import fr.vigie.bittorrent.fakes.FakePeer.Holding;
import fr.vigie.bittorrent.fakes.FakeUdpTracker;
import fr.vigie.bittorrent.fakes.TorrentBuilder;
import fr.vigie.bittorrent.metainfo.MagnetLink;
import fr.vigie.bittorrent.metainfo.Metainfo;
import fr.vigie.bittorrent.tracker.TrackerOptions;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The sensor against loopback fake peers that seed, choke, lie, stall, disconnect and ask us for
 * pieces. Every test ends by checking that nothing was uploaded, from both ends of the wire.
 */
class SwarmProbeTest {

  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
  private static final byte[] DATA = TorrentBuilder.randomBytes(14, 200_000);
  private static final TorrentBuilder BUILDER = TorrentBuilder.named("sample.bin").single(DATA).pieceLength(32 * 1024);
  private static final Metainfo TORRENT = Metainfo.parse(BUILDER.build());

  private final List<FakePeer> peers = new ArrayList<>();

  @AfterEach
  void close() throws IOException {
    for (FakePeer p : peers) {
      assertEquals(0, p.piecesFromSensor.get(), "never a piece sent");
      assertEquals(0, p.payloadBytesFromSensor.get());
      assertEquals(0, p.nonEmptyBitfieldsFromSensor.get(), "our bitfield is empty");
      assertEquals(0, p.havesFromSensor.get());
      assertEquals(0, p.haveAllFromSensor.get());
      assertEquals(0, p.unchokesFromSensor.get(), "we never unchoke anyone");
      p.close();
    }
  }

  private FakePeer peer(Behaviour b) throws IOException {
    FakePeer p = FakePeer.start(LOOPBACK, TORRENT.wireHash(), BUILDER.infoBytes(), DATA, TORRENT.pieceLength(), b);
    peers.add(p);
    return p;
  }

  private static ProbeOptions.Builder quick() {
    return quick(Clock.systemUTC());
  }

  private static ProbeOptions.Builder quick(Clock clock) {
    return ProbeOptions.builder(clock).linger(Duration.ofMillis(150))
        .connectTimeout(Duration.ofSeconds(2)).handshakeTimeout(Duration.ofSeconds(2)).bitfieldWait(Duration.ofMillis(500))
        .messageTimeout(Duration.ofMillis(800)).unchokeWait(Duration.ofMillis(600)).peerDeadline(Duration.ofSeconds(10))
        .piecesPerPeer(2).mayContact(ProbeOptions::loopback)
        .trackers(new TrackerOptions(Clock.systemUTC(), Duration.ofSeconds(2), Duration.ofMillis(200), 2, 1 << 20, 4));
  }

  private static Observation probeOne(ProbeOptions options, Target target, FakePeer p) {
    ProbeResult r = new SwarmProbe(options).probe(target, Leads.only(List.of(p.address())));
    assertEquals(1, r.observations().size());
    assertEquals(0, r.uploadedBytes());
    return r.observations().get(0);
  }

  @Test
  void anHonestSeederIsRecordedAndTwoOfItsPiecesVerified() throws IOException {
    FakePeer p = peer(Behaviour.seeder());
    Observation o = probeOne(quick().build(), Target.of(TORRENT), p);
    assertInstanceOf(Outcome.Verified.class, o.outcome(), o.outcome().toString());
    assertEquals(2, o.pieces().size());
    assertTrue(o.pieces().stream().allMatch(PieceResult::verified));
    for (PieceResult piece : o.pieces()) {
      assertEquals(HexFormat.of().formatHex(TORRENT.pieceSha1(piece.index()).orElseThrow()), piece.sha1Hex());
    }
    assertEquals(7, o.piecesTotal());
    assertEquals(7, o.piecesHeld());
    assertEquals("Transmission 3.00", o.client().orElseThrow());
    assertEquals("FakePeer 1.0", o.reportedClient().orElseThrow());
    assertTrue(o.extensionHandshake().isPresent());
    assertEquals(p.address(), o.remote());
    assertTrue(o.local().orElseThrow().getPort() > 0);
    assertFalse(o.connectedAt().orElseThrow().isBefore(o.startedAt()));
    assertFalse(o.handshakeAt().orElseThrow().isBefore(o.connectedAt().orElseThrow()));
    assertEquals(0, o.uploadedBytes());
    assertTrue(o.bytesSent() > 68 && o.bytesSent() < 2000, "handshakes and requests only: " + o.bytesSent());
    assertEquals(1, p.haveNoneFromSensor.get(), "have_none in place of a bitfield");
    assertInstanceOf(LeadSource.Explicit.class, o.lead());
  }

  @Test
  void aPeerThatNeverUnchokesIsRecordedAsChokedAfterTheWait() throws IOException {
    FakePeer p = peer(Behaviour.seeder().neverUnchoking());
    long t0 = System.nanoTime();
    Observation o = probeOne(quick().build(), Target.of(TORRENT), p);
    long ms = (System.nanoTime() - t0) / 1_000_000;
    Outcome.Choked c = assertInstanceOf(Outcome.Choked.class, o.outcome(), o.outcome().toString());
    assertTrue(c.waited().toMillis() >= 550, c.toString());
    assertTrue(ms < 5000);
    assertEquals(7, o.piecesHeld(), "the bitfield is recorded all the same");
  }

  @Test
  void aSlowUnchokeWithinTheWaitStillGivesVerifiedPieces() throws IOException {
    FakePeer p = peer(Behaviour.seeder().unchokingAfter(Duration.ofMillis(300)).withFast(false));
    Observation o = probeOne(quick().build(), Target.of(TORRENT), p);
    assertInstanceOf(Outcome.Verified.class, o.outcome(), o.outcome().toString());
    assertEquals(0, p.haveNoneFromSensor.get(), "no have_none to a peer without the fast extension");
  }

  @Test
  void aLiarServingBadPiecesIsCaught() throws IOException {
    FakePeer p = peer(Behaviour.seeder().corrupting());
    Observation o = probeOne(quick().build(), Target.of(TORRENT), p);
    assertInstanceOf(Outcome.BadPiece.class, o.outcome(), o.outcome().toString());
    assertFalse(o.pieces().get(0).verified());
  }

  @Test
  void aBitfieldClaimingEverythingWithNothingServedTimesOut() throws IOException {
    FakePeer p = peer(Behaviour.seeder().ignoringRequests());
    Observation o = probeOne(quick().build(), Target.of(TORRENT), p);
    Outcome.TimedOut t = assertInstanceOf(Outcome.TimedOut.class, o.outcome(), o.outcome().toString());
    assertEquals(Stage.PIECES, t.stage());
    assertEquals(7, o.piecesHeld());
    assertTrue(o.pieces().isEmpty());
  }

  @Test
  void aPeerRejectingEveryRequestIsARefusal() throws IOException {
    FakePeer p = peer(Behaviour.seeder().rejecting());
    Observation o = probeOne(quick().build(), Target.of(TORRENT), p);
    Outcome.Refused r = assertInstanceOf(Outcome.Refused.class, o.outcome(), o.outcome().toString());
    assertEquals(Stage.PIECES, r.stage());
  }

  @Test
  void aLazyBitfieldFollowedByHavesIsMergedAndNoticed() throws IOException {
    FakePeer p = peer(Behaviour.seeder().withHolding(Holding.LAZY_BITFIELD));
    Observation o = probeOne(quick().piecesPerPeer(0).build(), Target.of(TORRENT), p);
    assertInstanceOf(Outcome.Observed.class, o.outcome());
    assertTrue(o.lazyBitfield());
    assertEquals(7, o.piecesHeld());
    assertEquals("fe", o.bitfield().orElseThrow().hex(), "7 pieces, high bit first");
  }

  @Test
  void haveAllAndHaveNoneAreReadAsBitfields() throws IOException {
    Observation all = probeOne(quick().piecesPerPeer(1).build(), Target.of(TORRENT), peer(Behaviour.seeder().withHolding(Holding.HAVE_ALL)));
    assertInstanceOf(Outcome.Verified.class, all.outcome());
    assertEquals(7, all.piecesHeld());
    Observation none = probeOne(quick().build(), Target.of(TORRENT), peer(Behaviour.seeder().withHolding(Holding.HAVE_NONE)));
    assertInstanceOf(Outcome.NoPieces.class, none.outcome());
    assertEquals(0, none.piecesHeld());
    Observation empty = probeOne(quick().build(), Target.of(TORRENT), peer(Behaviour.seeder().withHolding(Holding.EMPTY_BITFIELD).withFast(false)));
    assertInstanceOf(Outcome.NoPieces.class, empty.outcome());
    Observation silent = probeOne(quick().build(), Target.of(TORRENT), peer(Behaviour.seeder().withHolding(Holding.NOTHING_SAID).withFast(false)));
    assertInstanceOf(Outcome.NoPieces.class, silent.outcome());
  }

  @Test
  void allowedFastPiecesAreFetchedWhileChoked() throws IOException {
    FakePeer p = peer(Behaviour.seeder().neverUnchoking().allowingFast(Set.of(0, 1, 2, 3, 4, 5, 6)));
    Observation o = probeOne(quick().build(), Target.of(TORRENT), p);
    assertInstanceOf(Outcome.Verified.class, o.outcome(), o.outcome().toString());
  }

  @Test
  void aPeerThatStallsAfterItsHandshakeTimesOut() throws IOException {
    Observation o = probeOne(quick().build(), Target.of(TORRENT), peer(Behaviour.seeder().stalling()));
    assertInstanceOf(Outcome.NoPieces.class, o.outcome(), "silent: no bitfield within the wait");
    assertTrue(o.handshakeAt().isPresent());
    Observation observed = probeOne(quick().piecesPerPeer(0).build(), Target.of(TORRENT), peer(Behaviour.seeder().stalling()));
    assertInstanceOf(Outcome.Observed.class, observed.outcome());
  }

  @Test
  void aPeerThatHangsUpIsRecordedAsDisconnected() throws IOException {
    Observation o = probeOne(quick().build(), Target.of(TORRENT), peer(Behaviour.seeder().disconnecting()));
    Outcome.Disconnected d = assertInstanceOf(Outcome.Disconnected.class, o.outcome(), o.outcome().toString());
    assertTrue(d.stage() == Stage.EXTENSION_HANDSHAKE || d.stage() == Stage.BITFIELD, d.toString());
    assertTrue(o.peerId().isPresent());
  }

  @Test
  void aPeerAnsweringForAnotherTorrentIsRefused() throws IOException {
    Observation o = probeOne(quick().build(), Target.of(TORRENT), peer(Behaviour.seeder().answeringForAnotherTorrent()));
    Outcome.Refused r = assertInstanceOf(Outcome.Refused.class, o.outcome());
    assertEquals(Stage.HANDSHAKE, r.stage());
    assertTrue(o.handshakeAt().isEmpty(), "not a handshake for our torrent");
  }

  @Test
  void aClosedPortIsARefusedConnection() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, LOOPBACK)) {
      port = s.getLocalPort();
    }
    ProbeResult r = new SwarmProbe(quick().build()).probe(Target.of(TORRENT), Leads.only(List.of(new InetSocketAddress(LOOPBACK, port))));
    Observation o = r.observations().get(0);
    Outcome.Refused refused = assertInstanceOf(Outcome.Refused.class, o.outcome());
    assertEquals(Stage.CONNECT, refused.stage());
    assertTrue(o.connectedAt().isEmpty());
    assertEquals(0, o.bytesSent());
  }

  @Test
  void aPeerAskingUsForPiecesAndMetadataGetsRejectsAndNothingElse() throws IOException {
    FakePeer p = peer(Behaviour.seeder().askingForPieces());
    Observation o = probeOne(quick().build(), Target.of(TORRENT), p);
    assertInstanceOf(Outcome.Verified.class, o.outcome(), o.outcome().toString());
    assertTrue(o.requestsRefused() >= 1, "its requests were seen");
    assertEquals(o.requestsRefused(), p.rejectsFromSensor.get(), "each answered by a BEP 6 reject");
    assertEquals(1, p.metadataRejectsFromSensor.get(), "its metadata request too");
    assertEquals(0, o.uploadedBytes());
  }

  @Test
  void aPeerAskingUsForPiecesWithoutFastIsIgnoredAndKeptChoked() throws IOException {
    FakePeer p = peer(Behaviour.seeder().askingForPieces().withFast(false));
    Observation o = probeOne(quick().build(), Target.of(TORRENT), p);
    assertInstanceOf(Outcome.Verified.class, o.outcome(), o.outcome().toString());
    assertTrue(o.requestsRefused() >= 1);
    assertEquals(0, p.rejectsFromSensor.get());
  }

  @Test
  void aMagnetGetsItsInfoDictionaryByUtMetadataVerifiedAgainstTheInfohash() throws IOException {
    FakePeer p = peer(Behaviour.seeder());
    MagnetLink magnet = MagnetLink.parse("magnet:?xt=urn:btih:" + TORRENT.primaryHash().hex());
    ProbeResult r = new SwarmProbe(quick().build()).probe(Target.of(magnet), Leads.only(List.of(p.address())));
    Observation o = r.observations().get(0);
    assertTrue(o.metadataVerified());
    assertInstanceOf(Outcome.Verified.class, o.outcome(), o.outcome().toString());
    assertEquals(TORRENT.primaryHash(), r.metainfo().orElseThrow().primaryHash());
    assertEquals(7, o.piecesTotal());
    assertTrue(p.metadataRequestsFromSensor.get() >= 1);
  }

  @Test
  void aMagnetWhosePeerSendsOtherMetadataIsCaught() throws IOException {
    FakePeer p = peer(Behaviour.seeder().withMetadata(true, true));
    MagnetLink magnet = MagnetLink.parse("magnet:?xt=urn:btih:" + TORRENT.primaryHash().hex());
    Observation o = probeOne(quick().build(), Target.of(magnet), p);
    assertInstanceOf(Outcome.BadMetadata.class, o.outcome());
    assertFalse(o.metadataVerified());
  }

  @Test
  void aMagnetWhosePeerServesNoMetadataIsRefusedAtThatStage() throws IOException {
    FakePeer p = peer(Behaviour.seeder().withMetadata(false, false));
    MagnetLink magnet = MagnetLink.parse("magnet:?xt=urn:btih:" + TORRENT.primaryHash().hex());
    Observation o = probeOne(quick().build(), Target.of(magnet), p);
    Outcome.Refused r = assertInstanceOf(Outcome.Refused.class, o.outcome(), o.outcome().toString());
    assertEquals(Stage.METADATA, r.stage());
  }

  @Test
  void pexPeersBecomeLeadsAndAreContactedWhenAsked() throws IOException {
    FakePeer second = peer(Behaviour.seeder());
    FakePeer first = peer(Behaviour.seeder().sendingPex(List.of(second.address())));
    ProbeResult r = new SwarmProbe(quick().piecesPerPeer(0).followPex(true).build()).probe(Target.of(TORRENT), Leads.only(List.of(first.address())));
    assertEquals(2, r.observations().size(), r.observations().toString());
    Observation viaPex = r.observations().stream().filter(o -> o.remote().equals(second.address())).findFirst().orElseThrow();
    assertEquals(new LeadSource.Pex(first.address()), viaPex.lead());
    assertEquals("pex:" + Addresses.format(first.address()), viaPex.lead().label());
    ProbeResult noFollow = new SwarmProbe(quick().piecesPerPeer(0).build()).probe(Target.of(TORRENT), Leads.only(List.of(first.address())));
    assertEquals(1, noFollow.observations().size());
    assertTrue(noFollow.leads().stream().anyMatch(l -> l.source() instanceof LeadSource.Pex), "recorded all the same");
  }

  @Test
  void leadsComeFromHttpAndUdpTrackersAndTheDhtAndTrackersHearStartedThenStopped() throws IOException {
    FakePeer a = peer(Behaviour.seeder());
    FakePeer b = peer(Behaviour.seeder());
    FakePeer c = peer(Behaviour.seeder());
    String hex = TORRENT.primaryHash().hex();
    try (FakeHttpTracker http = FakeHttpTracker.start(); FakeUdpTracker udp = FakeUdpTracker.start();
        FakeDht dht = FakeDht.start(50, 3, LOOPBACK)) {
      http.list(hex, a.address());
      udp.list(hex, b.address());
      dht.store(TORRENT.wireHash(), List.of(c.address()));
      ProbeOptions options = quick().piecesPerPeer(1)
          .dht(fr.vigie.bittorrent.dht.DhtOptions.defaults(Clock.systemUTC()).withBootstrap(dht.bootstrap(2)).withBind(LOOPBACK)
              .withLimits(Duration.ofMillis(300), 50, 1000, Duration.ofSeconds(3)))
          .build();
      ProbeResult r = new SwarmProbe(options).probe(Target.of(TORRENT), Leads.fromTarget().withTrackers(List.of(http.url(), udp.url())));
      assertEquals(3, r.observations().size());
      assertTrue(r.observations().stream().allMatch(o -> o.outcome() instanceof Outcome.Verified), r.observations().toString());
      assertEquals(new LeadSource.Tracker(http.url()), find(r, a).lead());
      assertEquals(new LeadSource.Tracker(udp.url()), find(r, b).lead());
      assertInstanceOf(LeadSource.Dht.class, find(r, c).lead());
      assertEquals(List.of("started", "stopped"), http.announces.stream().map(FakeHttpTracker.Announce::event).toList());
      assertEquals(List.of(2, 3), udp.announces.stream().map(FakeUdpTracker.Announce::event).toList());
      assertTrue(http.announces.stream().allMatch(x -> x.left() == TORRENT.totalSize() && x.uploaded() == 0 && x.downloaded() == 0));
      assertEquals(0, dht.queries("announce_peer"));
      assertEquals(0, r.uploadedBytes());
    }
  }

  private static Observation find(ProbeResult r, FakePeer p) {
    return r.observations().stream().filter(o -> o.remote().equals(p.address())).findFirst().orElseThrow();
  }

  /** A semaphore that remembers how many permits were held at once: what the sessions really overlapped. */
  private static final class CountingSemaphore extends java.util.concurrent.Semaphore {
    final java.util.concurrent.atomic.AtomicInteger held = new java.util.concurrent.atomic.AtomicInteger();
    final java.util.concurrent.atomic.AtomicInteger max = new java.util.concurrent.atomic.AtomicInteger();

    CountingSemaphore(int permits) {
      super(permits);
    }

    @Override
    public void acquire() throws InterruptedException {
      super.acquire();
      max.accumulateAndGet(held.incrementAndGet(), Math::max);
    }

    @Override
    public void release() {
      held.decrementAndGet();
      super.release();
    }
  }

  @Test
  void concurrencyIsBoundedPerSwarmAndInTotalAndMaxPeersBoundsTheRound() throws Exception {
    List<InetSocketAddress> addresses = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      // slow unchokes keep each session open long enough to overlap
      addresses.add(peer(Behaviour.seeder().unchokingAfter(Duration.ofMillis(100))).address());
    }
    CountingSemaphore roomy = new CountingSemaphore(100);
    ProbeResult r = new SwarmProbe(quick().piecesPerPeer(1).swarmConcurrency(3).maxPeers(15).globalConcurrency(roomy).build())
        .probe(Target.of(TORRENT), Leads.only(addresses));
    assertEquals(15, r.observations().size(), "maxPeers bounds the round");
    assertTrue(r.observations().stream().allMatch(o -> o.outcome() instanceof Outcome.Verified));
    assertEquals(3, roomy.max.get(), "3 sessions at once in one swarm");

    CountingSemaphore global = new CountingSemaphore(2);
    ProbeOptions shared = quick().piecesPerPeer(1).swarmConcurrency(8).globalConcurrency(global).build();
    try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
      var a = pool.submit(() -> new SwarmProbe(shared).probe(Target.of(TORRENT), Leads.only(addresses.subList(0, 10))));
      var b = pool.submit(() -> new SwarmProbe(shared).probe(Target.of(TORRENT), Leads.only(addresses.subList(10, 20))));
      assertEquals(10, a.get().observations().size());
      assertEquals(10, b.get().observations().size());
    }
    assertEquals(2, global.max.get(), "two probes share a total of 2");
  }

  @Test
  void ipv6PeersListedInPeers6AreObservedAsFamily6() throws IOException {
    InetAddress v6 = InetAddress.getByName("::1");
    FakePeer p = FakePeer.start(v6, TORRENT.wireHash(), BUILDER.infoBytes(), DATA, TORRENT.pieceLength(), Behaviour.seeder());
    peers.add(p);
    try (FakeHttpTracker http = FakeHttpTracker.start()) {
      http.list(TORRENT.primaryHash().hex(), p.address());
      ProbeResult r = new SwarmProbe(quick().piecesPerPeer(1).build()).probe(Target.of(TORRENT), Leads.only(List.of()).withTrackers(List.of(http.url())));
      Observation o = r.observations().get(0);
      assertEquals(6, o.family());
      assertInstanceOf(Outcome.Verified.class, o.outcome(), o.outcome().toString());
      assertTrue(ObservationJson.unsigned(o).contains("\"remote_ip\":\"0:0:0:0:0:0:0:1\""));
    }
  }

  @Test
  void addressesOutsideTheAllowedNetworksAreNeverContacted() throws IOException {
    InetSocketAddress documentation = new InetSocketAddress(InetAddress.getByName("192.0.2.7"), 6881);
    ProbeResult r = new SwarmProbe(quick().build()).probe(Target.of(TORRENT), Leads.only(List.of(documentation)));
    assertTrue(r.observations().isEmpty());
    assertEquals(1, r.leads().size(), "still a lead");
  }

  @Test
  void instantsComeFromTheInjectedClock() throws IOException {
    Instant fixed = Instant.parse("2031-05-06T07:08:09.123Z");
    Clock clock = Clock.fixed(fixed, ZoneOffset.UTC);
    ProbeOptions withClock = quick(clock).piecesPerPeer(1).build().toBuilder().build();
    Observation o = probeOne(withClock, Target.of(TORRENT), peer(Behaviour.seeder()));
    assertEquals(fixed, o.connectedAt().orElseThrow());
    assertEquals(fixed, o.handshakeAt().orElseThrow());
    String line = ObservationJson.line(o, java.util.Optional.empty());
    assertTrue(line.contains("\"connected_at\":\"2031-05-06T07:08:09.123Z\""), line);
  }

  @Test
  void aPeerRequiringEncryptionIsReachedByMseAfterHangingUpOnPlaintext() throws IOException {
    FakePeer p = peer(Behaviour.seeder().withCrypto(FakePeer.Crypto.MSE_ONLY));
    Observation o = probeOne(quick().build(), Target.of(TORRENT), p);
    assertInstanceOf(Outcome.Verified.class, o.outcome(), o.outcome().toString());
    assertEquals("mse_rc4", o.encryption());
    assertTrue(o.plaintextRefused());
    assertEquals(2, p.connections.get(), "plaintext first, then MSE");
    assertEquals(1, p.mseConnections.get());
    Observation never = probeOne(quick().encryption(Encryption.NEVER).build(), Target.of(TORRENT), p);
    assertInstanceOf(Outcome.Disconnected.class, never.outcome());
    assertEquals("none", never.encryption());
  }

  @Test
  void mseFirstWorksWithAPeerThatAcceptsEither() throws IOException {
    FakePeer p = peer(Behaviour.seeder().withCrypto(FakePeer.Crypto.EITHER).askingForPieces());
    Observation o = probeOne(quick().encryption(Encryption.ALWAYS).build(), Target.of(TORRENT), p);
    assertInstanceOf(Outcome.Verified.class, o.outcome(), o.outcome().toString());
    assertEquals("mse_rc4", o.encryption());
    assertFalse(o.plaintextRefused());
    assertEquals(1, p.connections.get());
    assertTrue(p.rejectsFromSensor.get() >= 1, "its requests rejected through the RC4 stream too");
  }
}
