package fr.vigie.bittorrent.metainfo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.vigie.bittorrent.bencode.BencodeWriter;
import fr.vigie.bittorrent.fakes.TorrentBuilder;
import fr.vigie.bittorrent.fakes.TorrentBuilder.Version;
import fr.vigie.bittorrent.metainfo.Metainfo.Kind;
import fr.vigie.bittorrent.metainfo.Metainfo.PieceCheck;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetainfoTest {

  private static final byte[] DATA = TorrentBuilder.randomBytes(1, 100_000);

  @Test
  void v1SingleFileHashesTheRawInfoDictionaryWithSha1() {
    TorrentBuilder b = TorrentBuilder.named("sample.bin").single(DATA).pieceLength(32 * 1024).tier("http://127.0.0.1:1/announce");
    Metainfo m = Metainfo.parse(b.build());
    assertEquals(Kind.V1, m.kind());
    assertArrayEquals(TorrentBuilder.sha1(b.infoBytes()), m.v1().orElseThrow().bytes());
    assertTrue(m.v2().isEmpty());
    assertEquals("sample.bin", m.name());
    assertEquals(4, m.pieceCount());
    assertEquals(100_000 - 3 * 32 * 1024, m.pieceSize(3));
    assertEquals(100_000, m.totalSize());
    assertEquals(List.of(List.of("http://127.0.0.1:1/announce")), m.trackerTiers());
    assertTrue(m.canonicalInfo());
    for (int i = 0; i < 4; i++) {
      byte[] piece = Arrays.copyOfRange(DATA, i * 32768, Math.min(DATA.length, (i + 1) * 32768));
      assertEquals(PieceCheck.MATCHES, m.check(i, piece));
      piece[7] ^= 1;
      assertEquals(PieceCheck.MISMATCH, m.check(i, piece));
    }
    assertEquals(PieceCheck.MISMATCH, m.check(0, new byte[10]));
  }

  @Test
  void v1MultiFileListsEveryFileWithItsPathAndSize() {
    TorrentBuilder b = TorrentBuilder.named("folder").pieceLength(16384)
        .file(Arrays.copyOf(DATA, 40_000), "a", "one.bin").file(Arrays.copyOfRange(DATA, 40_000, 41_000), "two.txt");
    Metainfo m = Metainfo.parse(b.build());
    assertEquals(2, m.files().size());
    assertEquals("a/one.bin", m.files().get(0).joinedPath());
    assertEquals(1000, m.files().get(1).length());
    assertEquals(41_000, m.totalSize());
    assertEquals(3, m.pieceCount());
  }

  @Test
  void v2HashesWithSha256TruncatesForTheWireAndChecksPiecesByMerkle() {
    byte[] big = TorrentBuilder.randomBytes(2, 5 * 32768 + 1000);
    byte[] small = TorrentBuilder.randomBytes(3, 20_000);
    TorrentBuilder b = TorrentBuilder.named("v2").version(Version.V2).pieceLength(32768).file(big, "big.bin").file(small, "small.bin");
    Metainfo m = Metainfo.parse(b.build());
    assertEquals(Kind.V2, m.kind());
    byte[] sha256 = TorrentBuilder.sha256(b.infoBytes());
    assertArrayEquals(sha256, m.v2().orElseThrow().bytes());
    assertArrayEquals(Arrays.copyOf(sha256, 20), m.wireHash());
    assertEquals(6 + 1, m.pieceCount(), "pieces are per file in v2: 6 for big, 1 for small");
    assertTrue(m.files().get(0).piecesRootHex().isPresent());
    for (int i = 0; i < 6; i++) {
      byte[] piece = Arrays.copyOfRange(big, i * 32768, Math.min(big.length, (i + 1) * 32768));
      assertEquals(PieceCheck.MATCHES, m.check(i, piece), "piece " + i);
      piece[piece.length - 1] ^= 1;
      assertEquals(PieceCheck.MISMATCH, m.check(i, piece));
    }
    assertEquals(20_000, m.pieceSize(6));
    assertEquals(PieceCheck.MATCHES, m.check(6, small));
  }

  @Test
  void theModulesMerkleAgreesWithTheNaiveFullTreeOfTheBuilder() {
    for (int size : new int[] {1, 16384, 16385, 3 * 16384, 100_000, 7 * 16384 + 5}) {
      byte[] data = TorrentBuilder.randomBytes(size, size);
      Metainfo m = Metainfo.parse(TorrentBuilder.named("f").version(Version.V2).pieceLength(16384).single(data).build());
      int blocks = (size + 16383) / 16384;
      assertArrayEquals(m.files().get(0).piecesRoot().orElseThrow(), Merkle.root(data, Merkle.nextPowerOfTwo(blocks)), "size " + size);
    }
  }

  @Test
  void hybridHasBothHashesPadFilesAndChecksBoth() {
    byte[] one = TorrentBuilder.randomBytes(4, 50_000);
    byte[] two = TorrentBuilder.randomBytes(5, 30_000);
    TorrentBuilder b = TorrentBuilder.named("hybrid").version(Version.HYBRID).pieceLength(16384).file(one, "one.bin").file(two, "two.bin");
    Metainfo m = Metainfo.parse(b.build());
    assertEquals(Kind.HYBRID, m.kind());
    assertArrayEquals(TorrentBuilder.sha1(b.infoBytes()), m.v1().orElseThrow().bytes());
    assertArrayEquals(TorrentBuilder.sha256(b.infoBytes()), m.v2().orElseThrow().bytes());
    assertArrayEquals(m.v1().orElseThrow().bytes(), m.wireHash(), "hybrids use the v1 hash on a v1 wire");
    assertTrue(m.files().stream().anyMatch(f -> f.padding()));
    assertEquals(80_000, m.contentSize());
    assertTrue(m.files().stream().filter(f -> !f.padding()).allMatch(f -> f.piecesRootHex().isPresent()));
    byte[] stream = b.v1Stream();
    for (int i = 0; i < m.pieceCount(); i++) {
      byte[] piece = Arrays.copyOfRange(stream, i * 16384, Math.min(stream.length, (i + 1) * 16384));
      assertEquals(PieceCheck.MATCHES, m.check(i, piece), "piece " + i);
    }
  }

  @Test
  void aPieceLayerThatDoesNotHashToItsRootIsRefused() {
    byte[] big = TorrentBuilder.randomBytes(6, 4 * 16384);
    byte[] torrent = TorrentBuilder.named("v2").version(Version.V2).pieceLength(16384).single(big).build();
    // flip one byte inside the piece layer (the last 32-byte hash before the final "ee")
    byte[] tampered = torrent.clone();
    String s = new String(tampered, StandardCharsets.ISO_8859_1);
    int layers = s.indexOf("12:piece layers");
    assertTrue(layers > 0);
    tampered[layers + 60] ^= 1;
    assertThrows(MetainfoException.class, () -> Metainfo.parse(tampered));
  }

  @Test
  void anUnsortedInfoDictionaryIsStillIdentifiedByItsRawBytes() {
    String info = "d6:pieces20:" + "x".repeat(20) + "4:name3:abc12:piece lengthi16384e6:lengthi10ee";
    byte[] torrent = ("d4:info" + info + "e").getBytes(StandardCharsets.ISO_8859_1);
    Metainfo m = Metainfo.parse(torrent);
    assertFalse(m.canonicalInfo());
    assertArrayEquals(TorrentBuilder.sha1(info.getBytes(StandardCharsets.ISO_8859_1)), m.v1().orElseThrow().bytes());
  }

  @Test
  void refusesBrokenAndUnsafeTorrents() {
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("name", "x");
    info.put("piece length", 16384);
    info.put("pieces", new byte[40]);
    info.put("length", 10);
    assertThrows(MetainfoException.class, () -> Metainfo.parse(BencodeWriter.encode(Map.of("info", info))), "2 hashes for 1 piece");
    info.put("pieces", new byte[20]);
    info.put("name", "..");
    assertThrows(MetainfoException.class, () -> Metainfo.parse(BencodeWriter.encode(Map.of("info", info))));
    info.put("name", "ok");
    info.remove("length");
    info.put("files", List.of(Map.of("length", 10, "path", List.of("..", "etc"))));
    assertThrows(MetainfoException.class, () -> Metainfo.parse(BencodeWriter.encode(Map.of("info", info))));
    assertThrows(MetainfoException.class, () -> Metainfo.parse("i3e".getBytes(StandardCharsets.US_ASCII)));
    assertThrows(MetainfoException.class, () -> Metainfo.parse("d4:infod4:name1:xee".getBytes(StandardCharsets.US_ASCII)));
    assertThrows(MetainfoException.class, () -> Metainfo.parse("d4:infod4:name1:xeexx".getBytes(StandardCharsets.US_ASCII)));
  }

  @Test
  void anInfoDictionaryFetchedFromPeersGivesTheSameTorrent() {
    TorrentBuilder b = TorrentBuilder.named("m.bin").single(DATA);
    Metainfo full = Metainfo.parse(b.build());
    Metainfo fromInfo = Metainfo.fromInfo(b.infoBytes(), List.of(List.of("udp://127.0.0.1:1")));
    assertEquals(full.primaryHash(), fromInfo.primaryHash());
    assertEquals(full.pieceCount(), fromInfo.pieceCount());
    assertEquals("udp://127.0.0.1:1", fromInfo.trackerTiers().get(0).get(0));
  }

  @Test
  void infoHashHexAndEquality() {
    InfoHash h = InfoHash.fromHex(InfoHash.Version.V1, "0123456789abcdef0123456789abcdef01234567");
    assertEquals("0123456789abcdef0123456789abcdef01234567", h.hex());
    assertEquals(h, new InfoHash(InfoHash.Version.V1, HexFormat.of().parseHex(h.hex())));
    assertThrows(IllegalArgumentException.class, () -> new InfoHash(InfoHash.Version.V2, new byte[20]));
  }
}
