package fr.vigie.bittorrent.dht;

import fr.vigie.bittorrent.bencode.BValue;
import fr.vigie.bittorrent.bencode.BValue.BBytes;
import fr.vigie.bittorrent.bencode.BValue.BDict;
import fr.vigie.bittorrent.bencode.BValue.BList;
import fr.vigie.bittorrent.bencode.Bencode;
import fr.vigie.bittorrent.bencode.BencodeException;
import fr.vigie.bittorrent.bencode.BencodeLimits;
import fr.vigie.bittorrent.bencode.BencodeWriter;
import fr.vigie.bittorrent.tracker.CompactPeers;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** KRPC (BEP 5) messages: bencoded dictionaries over UDP. */
public final class Krpc {

  private static final BencodeLimits LIMITS = new BencodeLimits(8, 4096, 2000, false);

  private Krpc() {}

  /** A message received. */
  public sealed interface Received {
    byte[] transaction();

    /** A query to us ({@code y=q}). */
    record Query(byte[] transaction, String method, BDict arguments) implements Received {}

    /** An answer ({@code y=r}) as a get_peers answer reads it; other answers leave lists empty. */
    record Response(byte[] transaction, NodeId id, List<InetSocketAddress> values, List<DhtNode> nodes,
        Optional<byte[]> token) implements Received {}

    /** An error ({@code y=e}). */
    record Error(byte[] transaction, long code, String message) implements Received {}
  }

  /** A read-only (BEP 43) get_peers query. */
  public static byte[] getPeers(byte[] transaction, NodeId self, byte[] infoHash) {
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("id", self.bytes());
    a.put("info_hash", infoHash);
    return query(transaction, "get_peers", a);
  }

  public static byte[] findNode(byte[] transaction, NodeId self, NodeId target) {
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("id", self.bytes());
    a.put("target", target.bytes());
    return query(transaction, "find_node", a);
  }

  public static byte[] ping(byte[] transaction, NodeId self) {
    return query(transaction, "ping", Map.of("id", self.bytes()));
  }

  private static byte[] query(byte[] transaction, String method, Map<String, Object> args) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("t", transaction);
    m.put("y", "q");
    m.put("q", method);
    m.put("a", args);
    m.put("ro", 1);
    return BencodeWriter.encode(m);
  }

  /** An answer to a get_peers, for tests and fake nodes: values or nodes, and a token. */
  public static byte[] getPeersResponse(byte[] transaction, NodeId self, byte[] token, List<InetSocketAddress> values, List<DhtNode> nodes) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("id", self.bytes());
    r.put("token", token);
    if (!values.isEmpty()) {
      r.put("values", values.stream().map(CompactPeers::encode).toList());
    }
    List<DhtNode> v4 = nodes.stream().filter(n -> n.address().getAddress().getAddress().length == 4).toList();
    List<DhtNode> v6 = nodes.stream().filter(n -> n.address().getAddress().getAddress().length == 16).toList();
    if (!v4.isEmpty()) {
      r.put("nodes", compactNodes(v4));
    }
    if (!v6.isEmpty()) {
      r.put("nodes6", compactNodes(v6));
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("t", transaction);
    m.put("y", "r");
    m.put("r", r);
    return BencodeWriter.encode(m);
  }

  public static byte[] error(byte[] transaction, int code, String message) {
    return BencodeWriter.encode(Map.of("t", transaction, "y", "e", "e", List.of(code, message)));
  }

  static byte[] compactNodes(List<DhtNode> nodes) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (DhtNode n : nodes) {
      out.writeBytes(n.id().bytes());
      out.writeBytes(CompactPeers.encode(n.address()));
    }
    return out.toByteArray();
  }

  static List<DhtNode> parseNodes(byte[] data, int addressLength) {
    int entry = 20 + addressLength + 2;
    List<DhtNode> out = new ArrayList<>();
    for (int i = 0; i + entry <= data.length; i += entry) {
      NodeId id = new NodeId(Arrays.copyOfRange(data, i, i + 20));
      List<InetSocketAddress> a = CompactPeers.parse(Arrays.copyOfRange(data, i + 20, i + entry), addressLength);
      if (!a.isEmpty()) {
        out.add(new DhtNode(id, a.get(0)));
      }
    }
    return out;
  }

  /** Decodes a datagram; throws {@link IllegalArgumentException} when it is not KRPC. */
  public static Received parse(byte[] datagram) {
    BValue v;
    try {
      v = Bencode.decode(datagram, LIMITS);
    } catch (BencodeException e) {
      throw new IllegalArgumentException("not bencode: " + e.getMessage(), e);
    }
    if (!(v instanceof BDict d)) {
      throw new IllegalArgumentException("KRPC message is not a dictionary");
    }
    byte[] t = d.bytes("t").map(BBytes::value).orElseThrow(() -> new IllegalArgumentException("KRPC message without t"));
    String y = d.string("y").orElseThrow(() -> new IllegalArgumentException("KRPC message without y"));
    switch (y) {
      case "q" -> {
        return new Received.Query(t, d.string("q").orElse(""), d.dict("a").orElseThrow(() -> new IllegalArgumentException("query without a")));
      }
      case "e" -> {
        List<BValue> e = d.list("e").map(BList::items).orElse(List.of());
        long code = !e.isEmpty() && e.get(0) instanceof BValue.BInt i ? i.value() : 0;
        String msg = e.size() > 1 && e.get(1) instanceof BBytes b ? b.utf8() : "";
        return new Received.Error(t, code, msg);
      }
      case "r" -> {
        BDict r = d.dict("r").orElseThrow(() -> new IllegalArgumentException("response without r"));
        byte[] id = r.bytes("id").map(BBytes::value).filter(b -> b.length == 20).orElseThrow(() -> new IllegalArgumentException("response without a 20-byte id"));
        List<InetSocketAddress> values = new ArrayList<>();
        r.list("values").ifPresent(l -> {
          for (BValue item : l.items()) {
            if (item instanceof BBytes b && (b.length() == 6 || b.length() == 18)) {
              values.addAll(CompactPeers.parse(b.value(), b.length() - 2));
            }
          }
        });
        List<DhtNode> nodes = new ArrayList<>();
        r.bytes("nodes").ifPresent(b -> nodes.addAll(parseNodes(b.value(), 4)));
        r.bytes("nodes6").ifPresent(b -> nodes.addAll(parseNodes(b.value(), 16)));
        return new Received.Response(t, new NodeId(id), values, nodes, r.bytes("token").map(BBytes::value));
      }
      default -> throw new IllegalArgumentException("unknown KRPC type " + y);
    }
  }
}
