package fr.vigie.bittorrent.metainfo;

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A magnet link: {@code xt=urn:btih:} (40 hex or 32 base32 chars, v1), {@code xt=urn:btmh:1220}
 * + 64 hex (v2 multihash, BEP 52), {@code dn}, {@code tr} (trackers, one tier each), {@code x.pe}
 * (peer addresses, host:port). Other parameters are ignored.
 */
public record MagnetLink(Optional<InfoHash> v1, Optional<InfoHash> v2, Optional<String> displayName,
    List<String> trackers, List<HostPort> peers) {

  /** A peer address as written in a magnet ({@code host:port}, {@code [v6]:port}). */
  public record HostPort(String host, int port) {
    public HostPort {
      if (host.isBlank() || port < 1 || port > 65535) {
        throw new IllegalArgumentException("bad peer address " + host + ":" + port);
      }
    }

    public static HostPort parse(String text) {
      int colon = text.lastIndexOf(':');
      if (colon <= 0) {
        throw new MetainfoException("peer address without port: " + text);
      }
      String host = text.substring(0, colon);
      if (host.startsWith("[") && host.endsWith("]")) {
        host = host.substring(1, host.length() - 1);
      } else if (host.indexOf(':') >= 0) {
        throw new MetainfoException("IPv6 peer address must be bracketed: " + text);
      }
      try {
        return new HostPort(host, Integer.parseInt(text.substring(colon + 1)));
      } catch (IllegalArgumentException e) {
        throw new MetainfoException("bad peer address " + text, e);
      }
    }

    @Override
    public String toString() {
      return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
  }

  public MagnetLink {
    if (v1.isEmpty() && v2.isEmpty()) {
      throw new MetainfoException("magnet link without a BitTorrent infohash (xt=urn:btih or urn:btmh)");
    }
    trackers = List.copyOf(trackers);
    peers = List.copyOf(peers);
  }

  public static MagnetLink parse(String uri) {
    if (!uri.regionMatches(true, 0, "magnet:?", 0, 8)) {
      throw new MetainfoException("not a magnet link: " + abbreviate(uri));
    }
    Optional<InfoHash> v1 = Optional.empty();
    Optional<InfoHash> v2 = Optional.empty();
    Optional<String> dn = Optional.empty();
    List<String> trackers = new ArrayList<>();
    List<HostPort> peers = new ArrayList<>();
    for (String param : uri.substring(8).split("&")) {
      if (param.isEmpty()) {
        continue;
      }
      int eq = param.indexOf('=');
      if (eq <= 0) {
        continue;
      }
      String key = param.substring(0, eq).toLowerCase(Locale.ROOT);
      String value = percentDecode(param.substring(eq + 1));
      // xt.1, xt.2 are the multi-hash form of older links
      if (key.equals("xt") || key.startsWith("xt.")) {
        String lower = value.toLowerCase(Locale.ROOT);
        if (lower.startsWith("urn:btih:")) {
          InfoHash h = new InfoHash(InfoHash.Version.V1, btih(value.substring(9)));
          if (v1.isPresent() && !v1.get().equals(h)) {
            throw new MetainfoException("magnet link with two different btih");
          }
          v1 = Optional.of(h);
        } else if (lower.startsWith("urn:btmh:")) {
          String mh = lower.substring(9);
          // multihash: 0x12 = sha2-256, 0x20 = 32 bytes
          if (!mh.startsWith("1220") || mh.length() != 4 + 64) {
            throw new MetainfoException("btmh must be a sha2-256 multihash (1220 + 64 hex): " + value);
          }
          v2 = Optional.of(new InfoHash(InfoHash.Version.V2, hex(mh.substring(4))));
        }
      } else if (key.equals("dn")) {
        dn = Optional.of(value);
      } else if (key.equals("tr") || key.startsWith("tr.")) {
        if (!value.isBlank() && !trackers.contains(value)) {
          trackers.add(value);
        }
      } else if (key.equals("x.pe")) {
        peers.add(HostPort.parse(value));
      }
    }
    return new MagnetLink(v1, v2, dn, trackers, peers);
  }

  /** The hash that names the torrent in records: v1 when there is one, else v2. */
  public InfoHash primaryHash() {
    return v1.orElseGet(v2::orElseThrow);
  }

  /** Writes the link back, hex hashes first, then dn, tr and x.pe, percent-encoded. */
  public String toUri() {
    StringBuilder sb = new StringBuilder("magnet:?");
    List<String> parts = new ArrayList<>();
    v1.ifPresent(h -> parts.add("xt=urn:btih:" + h.hex()));
    v2.ifPresent(h -> parts.add("xt=urn:btmh:1220" + h.hex()));
    displayName.ifPresent(n -> parts.add("dn=" + URLEncoder.encode(n, StandardCharsets.UTF_8)));
    trackers.forEach(t -> parts.add("tr=" + URLEncoder.encode(t, StandardCharsets.UTF_8)));
    peers.forEach(p -> parts.add("x.pe=" + URLEncoder.encode(p.toString(), StandardCharsets.UTF_8)));
    return sb.append(String.join("&", parts)).toString();
  }

  private static byte[] btih(String s) {
    if (s.length() == 40) {
      return hex(s);
    }
    if (s.length() == 32) {
      return base32(s);
    }
    throw new MetainfoException("btih must be 40 hex or 32 base32 characters, not " + s.length());
  }

  private static byte[] hex(String s) {
    try {
      return HexFormat.of().parseHex(s);
    } catch (IllegalArgumentException e) {
      throw new MetainfoException("not hexadecimal: " + abbreviate(s), e);
    }
  }

  /** RFC 4648 base32 without padding, upper or lower case. */
  static byte[] base32(String s) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int buffer = 0;
    int bits = 0;
    for (char c : s.toUpperCase(Locale.ROOT).toCharArray()) {
      int v;
      if (c >= 'A' && c <= 'Z') {
        v = c - 'A';
      } else if (c >= '2' && c <= '7') {
        v = c - '2' + 26;
      } else {
        throw new MetainfoException("not base32: '" + c + "'");
      }
      buffer = (buffer << 5) | v;
      bits += 5;
      if (bits >= 8) {
        out.write((buffer >> (bits - 8)) & 0xff);
        bits -= 8;
      }
    }
    return out.toByteArray();
  }

  /** Percent-decoding as magnets use it: '+' is a space, %XX a UTF-8 byte. */
  private static String percentDecode(String s) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%') {
        if (i + 2 >= s.length()) {
          throw new MetainfoException("cut percent escape in magnet link");
        }
        try {
          out.write(Integer.parseInt(s, i + 1, i + 3, 16));
        } catch (NumberFormatException e) {
          throw new MetainfoException("bad percent escape in magnet link: " + s.substring(i, i + 3), e);
        }
        i += 2;
      } else if (c == '+') {
        out.write(' ');
      } else {
        out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static String abbreviate(String s) {
    return s.length() <= 60 ? s : s.substring(0, 60) + "…";
  }
}
