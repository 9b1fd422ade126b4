package fr.vigie.bittorrent.tracker;

import fr.vigie.bittorrent.bencode.BValue;
import fr.vigie.bittorrent.bencode.BValue.BBytes;
import fr.vigie.bittorrent.bencode.BValue.BDict;
import fr.vigie.bittorrent.bencode.BValue.BList;
import fr.vigie.bittorrent.bencode.Bencode;
import fr.vigie.bittorrent.bencode.BencodeException;
import fr.vigie.bittorrent.bencode.BencodeLimits;
import fr.vigie.bittorrent.wire.PeerIds;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Executors;

/** HTTP(S) tracker announces (BEP 3, BEP 23, BEP 7). Thread-safe; one shared client. */
public final class HttpTracker {

  private static final BencodeLimits ANSWER = new BencodeLimits(16, 4 << 20, 200_000, false);

  private final TrackerOptions options;
  private final HttpClient client;

  public HttpTracker(TrackerOptions options) {
    this.options = options;
    this.client = HttpClient.newBuilder()
        .connectTimeout(options.httpTimeout())
        // a tracker may not send us elsewhere: we reach only the networks we were configured for
        .followRedirects(HttpClient.Redirect.NEVER)
        .executor(Executors.newVirtualThreadPerTaskExecutor())
        .build();
  }

  public AnnounceResult announce(String url, AnnounceRequest request) {
    Instant at = options.clock().instant();
    URI uri;
    try {
      uri = URI.create(url + (url.indexOf('?') >= 0 ? "&" : "?") + query(request));
    } catch (IllegalArgumentException e) {
      return new AnnounceResult.Failed(url, at, "bad tracker URL: " + e.getMessage());
    }
    HttpRequest http = HttpRequest.newBuilder(uri).timeout(options.httpTimeout()).header("User-Agent", PeerIds.USER_AGENT).GET().build();
    try {
      HttpResponse<InputStream> response = client.send(http, HttpResponse.BodyHandlers.ofInputStream());
      byte[] body;
      try (InputStream in = response.body()) {
        body = in.readNBytes(options.maxAnswerBytes() + 1);
      }
      if (body.length > options.maxAnswerBytes()) {
        return new AnnounceResult.Failed(url, at, "answer larger than " + options.maxAnswerBytes() + " bytes");
      }
      if (response.statusCode() != 200 && body.length == 0) {
        return new AnnounceResult.Failed(url, at, "HTTP " + response.statusCode());
      }
      return parse(url, at, body);
    } catch (IOException e) {
      return new AnnounceResult.Failed(url, at, e.getClass().getSimpleName() + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new AnnounceResult.Failed(url, at, "interrupted");
    }
  }

  /** Parses an announce answer: a dictionary with peers/peers6 or a failure reason. */
  public static AnnounceResult parse(String url, Instant at, byte[] body) {
    BValue value;
    try {
      value = Bencode.decode(body, ANSWER);
    } catch (BencodeException e) {
      return new AnnounceResult.Failed(url, at, "answer is not bencode: " + e.getMessage());
    }
    if (!(value instanceof BDict d)) {
      return new AnnounceResult.Failed(url, at, "answer is not a dictionary");
    }
    Optional<String> failure = d.string("failure reason");
    if (failure.isPresent()) {
      return new AnnounceResult.Refused(url, at, failure.get());
    }
    List<InetSocketAddress> peers = new ArrayList<>();
    Optional<BValue> p = d.get("peers");
    if (p.isPresent()) {
      switch (p.get()) {
        case BBytes compact -> peers.addAll(CompactPeers.ipv4(compact.value()));
        case BList list -> peers.addAll(dictionaryPeers(list));
        default -> {
          return new AnnounceResult.Failed(url, at, "peers is neither a string nor a list");
        }
      }
    }
    d.bytes("peers6").ifPresent(b -> peers.addAll(CompactPeers.ipv6(b.value())));
    int interval = (int) Math.max(0, Math.min(Integer.MAX_VALUE, d.integer("interval").orElse(1800L)));
    return new AnnounceResult.Peers(url, at, peers, interval, count(d, "complete"), count(d, "incomplete"), d.string("warning message"));
  }

  /** The original form: a list of {ip, port, peer id}. Only literal IPs are kept: no DNS for a lead. */
  private static List<InetSocketAddress> dictionaryPeers(BList list) {
    List<InetSocketAddress> out = new ArrayList<>();
    for (BValue v : list.items()) {
      if (v instanceof BDict peer) {
        Optional<String> ip = peer.string("ip");
        Optional<Long> port = peer.integer("port");
        if (ip.isPresent() && port.isPresent() && port.get() > 0 && port.get() < 65536) {
          literal(ip.get()).ifPresent(a -> out.add(new InetSocketAddress(a, port.get().intValue())));
        }
      }
    }
    return out;
  }

  static Optional<InetAddress> literal(String ip) {
    boolean v4 = ip.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    boolean v6 = ip.indexOf(':') >= 0 && ip.matches("[0-9a-fA-F:.]+");
    if (!v4 && !v6) {
      return Optional.empty();
    }
    try {
      return Optional.of(InetAddress.getByName(ip)); // a literal: no lookup happens
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static OptionalInt count(BDict d, String key) {
    return d.integer(key).filter(v -> v >= 0 && v <= Integer.MAX_VALUE).map(v -> OptionalInt.of(v.intValue())).orElse(OptionalInt.empty());
  }

  static String query(AnnounceRequest r) {
    StringBuilder q = new StringBuilder();
    q.append("info_hash=").append(escape(r.infoHash()));
    q.append("&peer_id=").append(escape(r.peerId()));
    q.append("&port=").append(r.port());
    q.append("&uploaded=0&downloaded=0");
    q.append("&left=").append(r.left());
    q.append("&compact=1&no_peer_id=1");
    q.append("&numwant=").append(r.numWant());
    q.append("&key=").append(String.format(java.util.Locale.ROOT, "%08x", r.key()));
    if (r.event() != AnnounceRequest.Event.NONE) {
      q.append("&event=").append(r.event().http());
    }
    return q.toString();
  }

  /** Percent-encodes raw bytes, unreserved characters (RFC 3986) as themselves. */
  static String escape(byte[] bytes) {
    StringBuilder sb = new StringBuilder(bytes.length * 3);
    for (byte b : bytes) {
      int c = b & 0xff;
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~') {
        sb.append((char) c);
      } else {
        sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16))).append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
      }
    }
    return sb.toString();
  }
}
