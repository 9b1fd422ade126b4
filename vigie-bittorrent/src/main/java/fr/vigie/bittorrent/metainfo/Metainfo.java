package fr.vigie.bittorrent.metainfo;

import fr.vigie.bittorrent.bencode.BValue;
import fr.vigie.bittorrent.bencode.BValue.BBytes;
import fr.vigie.bittorrent.bencode.BValue.BDict;
import fr.vigie.bittorrent.bencode.BValue.BList;
import fr.vigie.bittorrent.bencode.Bencode;
import fr.vigie.bittorrent.bencode.BencodeException;
import fr.vigie.bittorrent.bencode.BencodeLimits;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed torrent: the info dictionary's raw bytes and what they describe, plus the trackers of
 * the file around it. Immutable and thread-safe.
 *
 * <p>Parsing refuses leading zeros, duplicate keys, trailing data and unsafe paths, but accepts
 * unsorted keys (see {@link #canonicalInfo()}). The infohashes are computed over {@link #infoBytes()}, the info dictionary exactly as it was
 * in the input: re-encoding would change the hash of a torrent whose encoder was sloppy.
 */
public final class Metainfo {

  /** v1 only, v2 only, or both (BEP 52 hybrid: the same files under both schemes). */
  public enum Kind { V1, V2, HYBRID }

  private final byte[] infoBytes;
  private final BDict info;
  private final Kind kind;
  private final Optional<InfoHash> v1;
  private final Optional<InfoHash> v2;
  private final String name;
  private final int pieceLength;
  private final List<TorrentFile> files;
  private final byte[] pieces;
  private final List<List<String>> trackerTiers;
  private final Map<String, byte[]> pieceLayers;
  private final List<V2Piece> v2Pieces;

  /** Where a v2 piece lies: its file's root and length, and its index within the file. */
  private record V2Piece(String rootHex, long fileLength, int indexInFile) {}

  private Metainfo(byte[] infoBytes, BDict info, List<List<String>> trackerTiers, Map<String, byte[]> pieceLayers) {
    this.infoBytes = infoBytes;
    this.info = info;
    this.trackerTiers = trackerTiers;
    this.pieceLayers = pieceLayers;
    this.name = info.string("name").filter(n -> !n.isEmpty()).orElseThrow(() -> new MetainfoException("info has no name"));
    checkPathElement(name);
    long pl = info.integer("piece length").orElseThrow(() -> new MetainfoException("info has no piece length"));
    if (pl < 1 || pl > 1 << 28) {
      throw new MetainfoException("piece length " + pl + " out of range");
    }
    this.pieceLength = (int) pl;
    boolean hasV1 = info.get("pieces").isPresent();
    boolean hasV2 = info.integer("meta version").filter(v -> v == 2).isPresent();
    if (info.integer("meta version").isPresent() && !hasV2) {
      throw new MetainfoException("unknown meta version " + info.integer("meta version").get());
    }
    if (!hasV1 && !hasV2) {
      throw new MetainfoException("info has neither pieces (v1) nor meta version 2");
    }
    this.kind = hasV1 && hasV2 ? Kind.HYBRID : hasV1 ? Kind.V1 : Kind.V2;
    this.v1 = hasV1 ? Optional.of(InfoHash.of(InfoHash.Version.V1, infoBytes)) : Optional.empty();
    this.v2 = hasV2 ? Optional.of(InfoHash.of(InfoHash.Version.V2, infoBytes)) : Optional.empty();
    List<TorrentFile> v1Files = hasV1 ? v1Files() : List.of();
    List<TorrentFile> v2Files = hasV2 ? v2Files() : List.of();
    this.pieces = hasV1 ? info.bytes("pieces").map(BBytes::value).orElseThrow(() -> new MetainfoException("pieces is not a string")) : new byte[0];
    if (hasV1) {
      long total = v1Files.stream().mapToLong(TorrentFile::length).sum();
      long expected = (total + pieceLength - 1) / pieceLength;
      if (pieces.length % 20 != 0 || pieces.length / 20 != expected) {
        throw new MetainfoException("pieces holds " + pieces.length + " bytes, expected " + expected + " SHA-1 hashes for " + total + " bytes");
      }
    }
    if (hasV2) {
      if (pieceLength < Merkle.BLOCK || Integer.bitCount(pieceLength) != 1) {
        throw new MetainfoException("v2 piece length must be a power of two of at least 16 KiB, not " + pieceLength);
      }
      this.v2Pieces = v2Layout(v2Files);
    } else {
      this.v2Pieces = List.of();
    }
    if (kind == Kind.HYBRID) {
      long v1Content = v1Files.stream().filter(f -> !f.padding()).mapToLong(TorrentFile::length).sum();
      long v2Content = v2Files.stream().mapToLong(TorrentFile::length).sum();
      if (v1Content != v2Content || pieces.length / 20 != v2Pieces.size()) {
        throw new MetainfoException("hybrid torrent whose v1 and v2 parts differ (" + v1Content + " / " + v2Content + " bytes, "
            + pieces.length / 20 + " / " + v2Pieces.size() + " pieces)");
      }
    }
    this.files = hasV1 ? mergeRoots(v1Files, v2Files) : v2Files;
  }

  /** Parses a .torrent file (strict bencode: sorted keys, no trailing data). */
  public static Metainfo parse(byte[] torrent) {
    BValue root;
    try {
      root = Bencode.decode(torrent, BencodeLimits.TORRENT);
    } catch (BencodeException e) {
      throw new MetainfoException("not a torrent: " + e.getMessage(), e);
    }
    if (!(root instanceof BDict dict)) {
      throw new MetainfoException("a torrent is a dictionary");
    }
    BDict info = dict.dict("info").orElseThrow(() -> new MetainfoException("torrent has no info dictionary"));
    Map<String, byte[]> layers = new LinkedHashMap<>();
    dict.dict("piece layers").ifPresent(pl -> pl.entries().forEach((k, v) -> {
      if (!(v instanceof BBytes b) || b.length() % 32 != 0) {
        throw new MetainfoException("piece layer is not a string of SHA-256 hashes");
      }
      layers.put(HexFormat.of().formatHex(BDict.keyBytes(k)), b.value());
    }));
    return new Metainfo(info.raw(), info, tiers(dict), layers);
  }

  /**
   * A torrent from an info dictionary fetched by {@code ut_metadata} (BEP 9): the caller has
   * checked its hash against the magnet's. No piece layers travel that way, so v2 pieces of files
   * larger than one piece cannot be checked by merkle (v1 hashes, when present, still can).
   */
  public static Metainfo fromInfo(byte[] rawInfo, List<List<String>> trackerTiers) {
    BValue root;
    try {
      root = Bencode.decode(rawInfo, BencodeLimits.TORRENT);
    } catch (BencodeException e) {
      throw new MetainfoException("not an info dictionary: " + e.getMessage(), e);
    }
    if (!(root instanceof BDict info)) {
      throw new MetainfoException("an info dictionary is a dictionary");
    }
    return new Metainfo(rawInfo.clone(), info, List.copyOf(trackerTiers.stream().map(List::copyOf).toList()), Map.of());
  }

  private static List<List<String>> tiers(BDict root) {
    List<List<String>> tiers = new ArrayList<>();
    root.list("announce-list").ifPresent(list -> {
      for (BValue tier : list.items()) {
        if (tier instanceof BList urls) {
          List<String> t = urls.items().stream().filter(u -> u instanceof BBytes).map(u -> ((BBytes) u).utf8()).filter(u -> !u.isBlank()).toList();
          if (!t.isEmpty()) {
            tiers.add(t);
          }
        }
      }
    });
    if (tiers.isEmpty()) {
      root.string("announce").filter(u -> !u.isBlank()).ifPresent(u -> tiers.add(List.of(u)));
    }
    return List.copyOf(tiers);
  }

  private List<TorrentFile> v1Files() {
    Optional<BList> list = info.list("files");
    if (list.isEmpty()) {
      long length = info.integer("length").orElseThrow(() -> new MetainfoException("info has neither length nor files"));
      return List.of(new TorrentFile(List.of(name), length, false, Optional.empty()));
    }
    List<TorrentFile> out = new ArrayList<>();
    for (BValue v : list.get().items()) {
      if (!(v instanceof BDict f)) {
        throw new MetainfoException("a files entry is not a dictionary");
      }
      long length = f.integer("length").orElseThrow(() -> new MetainfoException("a file has no length"));
      BList path = f.list("path").orElseThrow(() -> new MetainfoException("a file has no path"));
      List<String> elements = new ArrayList<>();
      for (BValue e : path.items()) {
        if (!(e instanceof BBytes b)) {
          throw new MetainfoException("a path element is not a string");
        }
        checkPathElement(b.utf8());
        elements.add(b.utf8());
      }
      if (elements.isEmpty()) {
        throw new MetainfoException("a file has an empty path");
      }
      boolean pad = f.string("attr").map(a -> a.indexOf('p') >= 0).orElse(false);
      out.add(new TorrentFile(elements, length, pad, Optional.empty()));
    }
    if (out.isEmpty()) {
      throw new MetainfoException("files is empty");
    }
    return out;
  }

  private List<TorrentFile> v2Files() {
    BDict tree = info.dict("file tree").orElseThrow(() -> new MetainfoException("v2 info has no file tree"));
    List<TorrentFile> out = new ArrayList<>();
    walk(tree, new ArrayList<>(), out, 0);
    if (out.isEmpty()) {
      throw new MetainfoException("file tree is empty");
    }
    return out;
  }

  private void walk(BDict node, List<String> path, List<TorrentFile> out, int depth) {
    if (depth > 32) {
      throw new MetainfoException("file tree deeper than 32 levels");
    }
    for (Map.Entry<String, BValue> e : node.entries().entrySet()) {
      if (!(e.getValue() instanceof BDict child)) {
        throw new MetainfoException("file tree entry is not a dictionary");
      }
      String element = new String(BDict.keyBytes(e.getKey()), java.nio.charset.StandardCharsets.UTF_8);
      if (element.isEmpty()) {
        // the file itself: {"": {length, pieces root}}
        long length = child.integer("length").orElseThrow(() -> new MetainfoException("file " + String.join("/", path) + " has no length"));
        Optional<String> root = child.bytes("pieces root").map(b -> {
          if (b.length() != 32) {
            throw new MetainfoException("pieces root of " + String.join("/", path) + " is not 32 bytes");
          }
          return HexFormat.of().formatHex(b.value());
        });
        if (length > 0 && root.isEmpty()) {
          throw new MetainfoException("file " + String.join("/", path) + " has no pieces root");
        }
        if (path.isEmpty()) {
          throw new MetainfoException("file tree has a file without a name");
        }
        out.add(new TorrentFile(path, length, false, root));
      } else {
        checkPathElement(element);
        List<String> deeper = new ArrayList<>(path);
        deeper.add(element);
        walk(child, deeper, out, depth + 1);
      }
    }
  }

  private List<V2Piece> v2Layout(List<TorrentFile> v2Files) {
    List<V2Piece> layout = new ArrayList<>();
    for (TorrentFile f : v2Files) {
      if (f.length() == 0) {
        continue;
      }
      long count = (f.length() + pieceLength - 1) / pieceLength;
      String root = f.piecesRootHex().orElseThrow();
      if (count > 1) {
        byte[] layer = pieceLayers.get(root);
        if (layer != null) {
          if (layer.length != count * 32) {
            throw new MetainfoException("piece layer of " + f.joinedPath() + " holds " + layer.length / 32 + " hashes, expected " + count);
          }
          if (!Arrays.equals(layerRoot(layer, count), HexFormat.of().parseHex(root))) {
            throw new MetainfoException("piece layer of " + f.joinedPath() + " does not hash to its pieces root");
          }
        }
      }
      for (int i = 0; i < count; i++) {
        layout.add(new V2Piece(root, f.length(), i));
      }
    }
    if (layout.size() > 1 << 24) {
      throw new MetainfoException("more than 2^24 pieces");
    }
    return layout;
  }

  private byte[] layerRoot(byte[] layer, long count) {
    List<byte[]> hashes = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      hashes.add(Arrays.copyOfRange(layer, i * 32, i * 32 + 32));
    }
    int leavesPerPiece = pieceLength / Merkle.BLOCK;
    return Merkle.rootOfLayer(hashes, Merkle.nextPowerOfTwo(count), Merkle.padHash(leavesPerPiece));
  }

  private static List<TorrentFile> mergeRoots(List<TorrentFile> v1Files, List<TorrentFile> v2Files) {
    if (v2Files.isEmpty()) {
      return v1Files;
    }
    Map<String, TorrentFile> byPath = new LinkedHashMap<>();
    v2Files.forEach(f -> byPath.put(f.joinedPath(), f));
    return v1Files.stream()
        .map(f -> {
          TorrentFile v2 = byPath.get(f.joinedPath());
          return v2 == null ? f : new TorrentFile(f.path(), f.length(), f.padding(), v2.piecesRootHex());
        })
        .toList();
  }

  private static void checkPathElement(String element) {
    if (element.isEmpty() || element.equals(".") || element.equals("..") || element.indexOf('/') >= 0
        || element.indexOf('\\') >= 0 || element.indexOf('\0') >= 0) {
      throw new MetainfoException("unsafe path element '" + element + "'");
    }
  }

  /** The info dictionary's bytes as received: a copy. */
  public byte[] infoBytes() {
    return infoBytes.clone();
  }

  /**
   * Whether the info dictionary was canonical bencode (sorted keys): a torrent that is not was
   * made by a non-conforming tool; it is still identified by the hash of its raw bytes.
   */
  public boolean canonicalInfo() {
    return Arrays.equals(fr.vigie.bittorrent.bencode.BencodeWriter.reencode(info), infoBytes);
  }

  /** The decoded info dictionary (its span is over {@link #infoBytes()}'s source). */
  public BDict info() {
    return info;
  }

  public Kind kind() {
    return kind;
  }

  public Optional<InfoHash> v1() {
    return v1;
  }

  public Optional<InfoHash> v2() {
    return v2;
  }

  /** The hash that names the torrent in records: v1 when there is one, else v2. */
  public InfoHash primaryHash() {
    return v1.orElseGet(v2::orElseThrow);
  }

  /** The 20 bytes used on the wire: the v1 hash, or the v2 hash truncated (BEP 52). */
  public byte[] wireHash() {
    return primaryHash().wire();
  }

  public String name() {
    return name;
  }

  public int pieceLength() {
    return pieceLength;
  }

  /** Files in order, pad files included (see {@link TorrentFile#padding()}). */
  public List<TorrentFile> files() {
    return files;
  }

  /** Bytes of all files, pad files included: the {@code left} of a leecher holding nothing. */
  public long totalSize() {
    return files.stream().mapToLong(TorrentFile::length).sum();
  }

  /** Bytes of real content, pad files left out. */
  public long contentSize() {
    return files.stream().filter(f -> !f.padding()).mapToLong(TorrentFile::length).sum();
  }

  public List<List<String>> trackerTiers() {
    return trackerTiers;
  }

  public int pieceCount() {
    return kind == Kind.V2 ? v2Pieces.size() : pieces.length / 20;
  }

  /** Size of piece {@code index} in bytes: the piece length but for the last piece (of each file in v2). */
  public int pieceSize(int index) {
    checkIndex(index);
    if (kind == Kind.V2) {
      V2Piece p = v2Pieces.get(index);
      return (int) Math.min(pieceLength, p.fileLength() - (long) p.indexInFile() * pieceLength);
    }
    long total = totalSize();
    return (int) Math.min(pieceLength, total - (long) index * pieceLength);
  }

  /** The v1 SHA-1 of piece {@code index}; empty for a v2-only torrent. */
  public Optional<byte[]> pieceSha1(int index) {
    checkIndex(index);
    return kind == Kind.V2 ? Optional.empty() : Optional.of(Arrays.copyOfRange(pieces, index * 20, index * 20 + 20));
  }

  /** How a downloaded piece compares with the torrent's hashes. */
  public enum PieceCheck {
    /** Every hash the torrent has for this piece matches. */
    MATCHES,
    /** A hash does not match. */
    MISMATCH,
    /** No hash to check against (v2 metadata without piece layers). */
    UNCHECKABLE
  }

  /**
   * Checks a piece against the v1 SHA-1 and, when the torrent is v2 or hybrid and the hash is
   * known, the BEP 52 merkle hash; both must match.
   */
  public PieceCheck check(int index, byte[] data) {
    checkIndex(index);
    if (data.length != pieceSize(index)) {
      return PieceCheck.MISMATCH;
    }
    boolean checked = false;
    if (kind != Kind.V2) {
      byte[] expected = Arrays.copyOfRange(pieces, index * 20, index * 20 + 20);
      if (!MessageDigest.isEqual(expected, InfoHash.digest("SHA-1", data))) {
        return PieceCheck.MISMATCH;
      }
      checked = true;
    }
    if (kind != Kind.V1) {
      Optional<byte[]> expected = v2PieceHash(index);
      if (expected.isPresent()) {
        V2Piece p = v2Pieces.get(index);
        int leaves = p.fileLength() <= pieceLength
            ? Merkle.nextPowerOfTwo((p.fileLength() + Merkle.BLOCK - 1) / Merkle.BLOCK)
            : pieceLength / Merkle.BLOCK;
        // in a hybrid, a file's last v1 piece ends with pad-file zeros that v2 does not hash
        int v2Size = (int) Math.min(pieceLength, p.fileLength() - (long) p.indexInFile() * pieceLength);
        byte[] v2Data = v2Size == data.length ? data : Arrays.copyOf(data, v2Size);
        if (!MessageDigest.isEqual(expected.get(), Merkle.root(v2Data, leaves))) {
          return PieceCheck.MISMATCH;
        }
        checked = true;
      }
    }
    return checked ? PieceCheck.MATCHES : PieceCheck.UNCHECKABLE;
  }

  /** The BEP 52 hash of a v2 piece: the file's root for a one-piece file, else its piece layer entry. */
  private Optional<byte[]> v2PieceHash(int index) {
    V2Piece p = v2Pieces.get(index);
    if (p.fileLength() <= pieceLength) {
      return Optional.of(HexFormat.of().parseHex(p.rootHex()));
    }
    byte[] layer = pieceLayers.get(p.rootHex());
    return layer == null ? Optional.empty() : Optional.of(Arrays.copyOfRange(layer, p.indexInFile() * 32, p.indexInFile() * 32 + 32));
  }

  private void checkIndex(int index) {
    if (index < 0 || index >= pieceCount()) {
      throw new IndexOutOfBoundsException("piece " + index + " of " + pieceCount());
    }
  }

  @Override
  public String toString() {
    return "Metainfo[" + kind + " " + primaryHash().hex() + " '" + name + "', " + files.size() + " files, " + pieceCount() + " pieces]";
  }
}
