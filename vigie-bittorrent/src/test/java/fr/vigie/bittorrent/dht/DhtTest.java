package fr.vigie.bittorrent.dht;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.vigie.bittorrent.fakes.FakeDht;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class DhtTest {

  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

  private static DhtOptions options(List<InetSocketAddress> bootstrap, int maxQueries) {
    return DhtOptions.defaults(Clock.systemUTC()).withBootstrap(bootstrap).withBind(LOOPBACK)
        .withLimits(Duration.ofMillis(300), maxQueries, 2000, Duration.ofSeconds(5));
  }

  @Test
  void xorDistanceOrdersIds() {
    NodeId target = new NodeId(new byte[20]);
    byte[] near = new byte[20];
    near[19] = 1;
    byte[] far = new byte[20];
    far[0] = (byte) 0x80;
    assertTrue(target.compareDistance(new NodeId(near), new NodeId(far)) < 0);
    assertEquals(0, target.commonPrefix(new NodeId(far)));
    assertEquals(159, target.commonPrefix(new NodeId(near)));
  }

  @Test
  void anIterativeGetPeersFindsThePeersStoredOnTheClosestNodes() throws Exception {
    byte[] infoHash = HexFormat.of().parseHex("0123456789abcdef0123456789abcdef01234567");
    List<InetSocketAddress> peers = List.of(new InetSocketAddress(LOOPBACK, 40001), new InetSocketAddress(LOOPBACK, 40002));
    try (FakeDht dht = FakeDht.start(200, 7, LOOPBACK); DhtClient client = new DhtClient(options(List.of(), 100))) {
      dht.store(infoHash, peers);
      DhtLookup lookup = client.getPeers(infoHash, dht.bootstrap(2));
      assertEquals(java.util.Set.copyOf(peers), lookup.peers().keySet());
      assertTrue(lookup.queries() > 2, "it iterated: " + lookup.queries() + " queries");
      assertTrue(lookup.queries() <= 100);
      assertEquals(8, lookup.closest().size());
      assertTrue(!lookup.tokens().isEmpty());
      assertEquals(0, dht.queries("announce_peer"), "read-only: never announce");
      assertEquals(lookup.queries(), dht.queries("get_peers"));
    }
  }

  @Test
  void aLookupStopsAtItsQueryBudget() throws Exception {
    byte[] infoHash = new byte[20];
    try (FakeDht dht = FakeDht.start(200, 8, LOOPBACK); DhtClient client = new DhtClient(options(List.of(), 5))) {
      DhtLookup lookup = client.getPeers(infoHash, dht.bootstrap(3));
      assertEquals(5, lookup.queries());
      assertEquals(5, dht.queries("get_peers"));
    }
  }

  @Test
  void silentNodesTimeOutAndTheLookupGoesOn() throws Exception {
    byte[] infoHash = HexFormat.of().parseHex("ffeeddccbbaa99887766554433221100ffeeddcc");
    try (FakeDht dht = FakeDht.start(100, 9, LOOPBACK); DhtClient client = new DhtClient(options(List.of(), 60))) {
      dht.store(infoHash, List.of(new InetSocketAddress(LOOPBACK, 40003)));
      dht.silence(1);
      List<InetSocketAddress> bootstrap = dht.bootstrap(3);
      long t0 = System.nanoTime();
      DhtLookup lookup = client.getPeers(infoHash, bootstrap);
      assertTrue(lookup.timeouts() >= 1, "the silent bootstrap node timed out");
      assertEquals(1, lookup.peers().size());
      assertTrue((System.nanoTime() - t0) / 1_000_000 < 5000);
    }
  }

  @Test
  void noBootstrapNodesMeansNoTraffic() throws Exception {
    try (DhtClient client = new DhtClient(options(List.of(), 10))) {
      DhtLookup lookup = client.getPeers(new byte[20]);
      assertEquals(0, lookup.queries());
      assertEquals(0, client.packetsSent());
    }
  }
}
