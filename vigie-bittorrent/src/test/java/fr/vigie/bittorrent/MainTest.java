package fr.vigie.bittorrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.vigie.bittorrent.fakes.FakeHttpTracker;
import fr.vigie.bittorrent.fakes.FakePeer;
import fr.vigie.bittorrent.fakes.TorrentBuilder;
import fr.vigie.bittorrent.metainfo.Metainfo;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {

  @Test
  void oneRoundWritesOneJsonLinePerPeerAndExitsZero(@TempDir Path dir) throws Exception {
    byte[] data = TorrentBuilder.randomBytes(3, 70_000);
    TorrentBuilder b = TorrentBuilder.named("x.bin").single(data);
    Metainfo m = Metainfo.parse(b.build());
    Path torrent = dir.resolve("x.torrent");
    Files.write(torrent, b.build());
    try (FakePeer peer = FakePeer.start(InetAddress.getLoopbackAddress(), m.wireHash(), b.infoBytes(), data, m.pieceLength(),
        FakePeer.Behaviour.seeder()); FakeHttpTracker tracker = FakeHttpTracker.start()) {
      tracker.list(m.primaryHash().hex(), peer.address());
      Path out = dir.resolve("out.jsonl");
      int code = Main.run(new String[] {"--torrent", torrent.toString(), "--tracker", tracker.url(), "--pieces", "1",
          "--loopback-only", "--out", out.toString()});
      assertEquals(0, code);
      List<String> lines = Files.readAllLines(out);
      assertEquals(1, lines.size());
      assertTrue(lines.get(0).contains("\"outcome\":\"verified\"") && lines.get(0).contains("\"uploaded_bytes\":0"), lines.get(0));
      assertEquals(0, peer.piecesFromSensor.get());
    }
    assertEquals(2, Main.run(new String[] {"--magnet", "not-a-magnet", "--out", dir.resolve("y").toString()}));
  }
}
