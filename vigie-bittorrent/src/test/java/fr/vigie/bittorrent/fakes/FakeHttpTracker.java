package fr.vigie.bittorrent.fakes;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import fr.vigie.bittorrent.bencode.BencodeWriter;
import fr.vigie.bittorrent.tracker.CompactPeers;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/** A loopback HTTP tracker: compact peers, peers6, failure reasons; records every announce. */
public final class FakeHttpTracker implements Closeable {

  /** One announce as received: the raw query decoded. */
  public record Announce(String infoHashHex, String peerIdText, int port, long left, long uploaded, long downloaded, String event,
      InetSocketAddress from) {}

  private final HttpServer server;
  private final Map<String, Set<InetSocketAddress>> swarms = new ConcurrentHashMap<>();
  private final Map<String, String> failures = new ConcurrentHashMap<>();
  public final List<Announce> announces = new CopyOnWriteArrayList<>();
  private volatile boolean dictionaryPeers;

  private FakeHttpTracker(HttpServer server) {
    this.server = server;
    server.createContext("/announce", this::announce);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.start();
  }

  public static FakeHttpTracker start() throws IOException {
    return new FakeHttpTracker(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64));
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/announce";
  }

  /** A peer the tracker lists for this infohash (a lead, maybe a lie). */
  public void list(String infoHashHex, InetSocketAddress peer) {
    swarms.computeIfAbsent(infoHashHex, k -> ConcurrentHashMap.newKeySet()).add(peer);
  }

  public void refuse(String infoHashHex, String reason) {
    failures.put(infoHashHex, reason);
  }

  public void answerWithDictionaries(boolean b) {
    dictionaryPeers = b;
  }

  private void announce(HttpExchange x) throws IOException {
    Map<String, byte[]> q = parse(x.getRequestURI().getRawQuery());
    String ih = HexFormat.of().formatHex(q.getOrDefault("info_hash", new byte[0]));
    Announce a = new Announce(ih, new String(q.getOrDefault("peer_id", new byte[0]), java.nio.charset.StandardCharsets.ISO_8859_1),
        Integer.parseInt(text(q, "port", "0")), Long.parseLong(text(q, "left", "-1")), Long.parseLong(text(q, "uploaded", "-1")),
        Long.parseLong(text(q, "downloaded", "-1")), text(q, "event", ""), x.getRemoteAddress());
    announces.add(a);
    Map<String, Object> answer = new LinkedHashMap<>();
    String failure = failures.get(ih);
    if (failure != null) {
      answer.put("failure reason", failure);
    } else {
      Set<InetSocketAddress> peers = new LinkedHashSet<>(swarms.getOrDefault(ih, Set.of()));
      answer.put("interval", 1800);
      answer.put("complete", peers.size());
      answer.put("incomplete", 0);
      if (dictionaryPeers) {
        List<Object> list = new ArrayList<>();
        for (InetSocketAddress p : peers) {
          list.add(Map.of("ip", p.getAddress().getHostAddress(), "port", p.getPort(), "peer id", "-XX0000-000000000000"));
        }
        answer.put("peers", list);
      } else {
        ByteArrayOutputStream v4 = new ByteArrayOutputStream();
        ByteArrayOutputStream v6 = new ByteArrayOutputStream();
        for (InetSocketAddress p : peers) {
          (p.getAddress().getAddress().length == 4 ? v4 : v6).writeBytes(CompactPeers.encode(p));
        }
        answer.put("peers", v4.toByteArray());
        if (v6.size() > 0) {
          answer.put("peers6", v6.toByteArray());
        }
      }
    }
    byte[] body = BencodeWriter.encode(answer);
    x.sendResponseHeaders(200, body.length);
    x.getResponseBody().write(body);
    x.close();
  }

  private static String text(Map<String, byte[]> q, String key, String fallback) {
    byte[] v = q.get(key);
    return v == null ? fallback : new String(v, java.nio.charset.StandardCharsets.ISO_8859_1);
  }

  static Map<String, byte[]> parse(String raw) {
    Map<String, byte[]> out = new LinkedHashMap<>();
    if (raw == null) {
      return out;
    }
    for (String p : raw.split("&")) {
      int eq = p.indexOf('=');
      if (eq < 0) {
        continue;
      }
      ByteArrayOutputStream v = new ByteArrayOutputStream();
      String s = p.substring(eq + 1);
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (c == '%') {
          v.write(Integer.parseInt(s, i + 1, i + 3, 16));
          i += 2;
        } else {
          v.write(c);
        }
      }
      out.put(p.substring(0, eq), v.toByteArray());
    }
    return out;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
