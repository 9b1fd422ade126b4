package fr.vigie.bittorrent.wire;

import fr.vigie.bittorrent.bencode.BValue;
import fr.vigie.bittorrent.bencode.BValue.BDict;
import fr.vigie.bittorrent.bencode.Bencode;
import fr.vigie.bittorrent.bencode.BencodeException;
import fr.vigie.bittorrent.bencode.BencodeLimits;
import fr.vigie.bittorrent.bencode.BencodeWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A BEP 10 extension handshake as received: its raw bencoded bytes (kept for the record) and what
 * we use from it.
 */
public record ExtensionHandshake(byte[] raw, OptionalInt utMetadata, OptionalInt utPex, OptionalLong metadataSize,
    Optional<String> client, OptionalInt listenPort, OptionalInt requestQueue) {

  /** The ids we declare: peers send our extension messages with these. */
  public static final int OUR_UT_METADATA = 1;
  public static final int OUR_UT_PEX = 2;

  public ExtensionHandshake {
    raw = raw.clone();
  }

  @Override
  public byte[] raw() {
    return raw.clone();
  }

  /**
   * Ours: {@code ut_metadata} (so that peers answer our metadata requests) and {@code ut_pex}
   * (so that they send us leads). No {@code metadata_size} (we never serve metadata), no {@code p}
   * (we accept no connection), no {@code upload_only}.
   */
  public static byte[] ours() {
    return OURS.clone();
  }

  private static final byte[] OURS = encodeOurs();

  private static byte[] encodeOurs() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("ut_metadata", OUR_UT_METADATA);
    m.put("ut_pex", OUR_UT_PEX);
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("m", m);
    d.put("v", PeerIds.USER_AGENT);
    d.put("reqq", 64);
    return BencodeWriter.encode(d);
  }

  public static ExtensionHandshake parse(byte[] payload) {
    BValue v;
    try {
      v = Bencode.decode(payload, BencodeLimits.MESSAGE);
    } catch (BencodeException e) {
      throw new WireException("extension handshake is not bencode: " + e.getMessage());
    }
    if (!(v instanceof BDict d)) {
      throw new WireException("extension handshake is not a dictionary");
    }
    Optional<BDict> m = d.dict("m");
    return new ExtensionHandshake(payload, id(m, "ut_metadata"), id(m, "ut_pex"),
        d.integer("metadata_size").filter(s -> s > 0).map(OptionalLong::of).orElse(OptionalLong.empty()),
        d.string("v"), small(d, "p", 65535), small(d, "reqq", 1 << 16));
  }

  /** 0 means the peer disabled that extension (BEP 10). */
  private static OptionalInt id(Optional<BDict> m, String name) {
    return m.flatMap(d -> d.integer(name)).filter(i -> i > 0 && i < 256).map(i -> OptionalInt.of(i.intValue())).orElse(OptionalInt.empty());
  }

  private static OptionalInt small(BDict d, String key, int max) {
    return d.integer(key).filter(i -> i > 0 && i <= max).map(i -> OptionalInt.of(i.intValue())).orElse(OptionalInt.empty());
  }
}
