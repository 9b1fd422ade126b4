package fr.vigie.bittorrent.metainfo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.vigie.bittorrent.metainfo.Metainfo.Kind;
import fr.vigie.bittorrent.metainfo.Metainfo.PieceCheck;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Our metainfo against torrents written by another implementation: libtorrent-rasterbar 2.0.8
 * made a v2-only and a hybrid torrent of generated content (src/test/reference, with the script
 * and the infohashes libtorrent computed). Infohashes, files, pad files, piece layers and every
 * piece's v1 and merkle hashes must agree.
 */
class MetainfoReferenceTest {

  private static final Path DIR = Path.of("src/test/reference");
  private static final List<String> NAMES = List.of("a.bin", "c.bin", "sub/b.bin");
  private static final Map<String, Integer> SIZES = Map.of("a.bin", 100_000, "sub/b.bin", 40_000, "c.bin", 5);

  /** The script's content: block k of a file is SHA-256("vigie/sample/<path>/" + k, 4 bytes big-endian). */
  static byte[] content(String path) throws Exception {
    int size = SIZES.get(path);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int k = 0; out.size() < size; k++) {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(("vigie/sample/" + path + "/").getBytes(StandardCharsets.UTF_8));
      sha.update(new byte[] {(byte) (k >>> 24), (byte) (k >>> 16), (byte) (k >>> 8), (byte) k});
      out.writeBytes(sha.digest());
    }
    return Arrays.copyOf(out.toByteArray(), size);
  }

  private static Map<String, String[]> hashes() throws IOException {
    Map<String, String[]> out = new HashMap<>();
    for (String line : Files.readAllLines(DIR.resolve("reference-hashes.txt"))) {
      if (!line.startsWith("#") && !line.isBlank()) {
        String[] f = line.trim().split(" ");
        out.put(f[0], new String[] {f[1], f[2]});
      }
    }
    return out;
  }

  @Test
  void aV2TorrentOfLibtorrentHasItsInfohashFilesAndMerklePieces() throws Exception {
    Metainfo m = Metainfo.parse(Files.readAllBytes(DIR.resolve("reference-v2.torrent")));
    assertEquals(Kind.V2, m.kind());
    assertEquals(hashes().get("reference-v2.torrent")[1], m.v2().orElseThrow().hex());
    assertTrue(m.canonicalInfo());
    assertEquals(NAMES, m.files().stream().map(TorrentFile::joinedPath).toList());
    assertTrue(m.files().stream().allMatch(f -> f.piecesRootHex().isPresent()));
    int index = 0;
    for (String name : NAMES) {
      byte[] data = content(name);
      for (int off = 0; off < data.length; off += m.pieceLength()) {
        byte[] piece = Arrays.copyOfRange(data, off, Math.min(data.length, off + m.pieceLength()));
        assertEquals(PieceCheck.MATCHES, m.check(index, piece), name + " piece at " + off);
        piece[0] ^= 1;
        assertEquals(PieceCheck.MISMATCH, m.check(index, piece));
        index++;
      }
    }
    assertEquals(index, m.pieceCount());
  }

  @Test
  void aHybridTorrentOfLibtorrentHasBothInfohashesPadFilesAndBothPieceHashes() throws Exception {
    Metainfo m = Metainfo.parse(Files.readAllBytes(DIR.resolve("reference-hybrid.torrent")));
    assertEquals(Kind.HYBRID, m.kind());
    String[] expected = hashes().get("reference-hybrid.torrent");
    assertEquals(expected[0], m.v1().orElseThrow().hex());
    assertEquals(expected[1], m.v2().orElseThrow().hex());
    List<TorrentFile> content = m.files().stream().filter(f -> !f.padding()).toList();
    assertEquals(NAMES, content.stream().map(TorrentFile::joinedPath).toList());
    assertTrue(content.stream().allMatch(f -> f.piecesRootHex().isPresent()), "v2 roots joined to the v1 files");
    assertEquals(140_005, m.contentSize());
    ByteArrayOutputStream stream = new ByteArrayOutputStream();
    for (TorrentFile f : m.files()) {
      stream.writeBytes(f.padding() ? new byte[(int) f.length()] : content(f.joinedPath()));
    }
    byte[] v1 = stream.toByteArray();
    assertEquals(m.totalSize(), v1.length);
    for (int i = 0; i < m.pieceCount(); i++) {
      byte[] piece = Arrays.copyOfRange(v1, i * m.pieceLength(), Math.min(v1.length, (i + 1) * m.pieceLength()));
      assertEquals(PieceCheck.MATCHES, m.check(i, piece), "piece " + i);
    }
  }
}
