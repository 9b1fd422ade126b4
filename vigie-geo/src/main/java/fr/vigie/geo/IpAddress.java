package fr.vigie.geo;

import fr.vigie.formats.cybertip.IpAddresses;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;

/**
 * An IPv4 or IPv6 address parsed from its literal form, never through DNS: a hostname is refused,
 * not resolved. IPv4 is kept as an int and IPv6 as two longs so that range checks are cheap.
 */
public final class IpAddress {

  private final InetAddress inet;
  private final boolean v6;
  private final int v4;
  private final long hi;
  private final long lo;

  private IpAddress(InetAddress inet) {
    this.inet = inet;
    byte[] b = inet.getAddress();
    if (b.length == 4) {
      v6 = false;
      v4 = ((b[0] & 0xff) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff);
      hi = 0;
      lo = 0;
    } else {
      v6 = true;
      v4 = 0;
      long h = 0;
      long l = 0;
      for (int i = 0; i < 8; i++) {
        h = (h << 8) | (b[i] & 0xff);
        l = (l << 8) | (b[i + 8] & 0xff);
      }
      hi = h;
      lo = l;
    }
  }

  /**
   * Parses a literal address ("192.0.2.7", "2001:db8::1").
   *
   * @throws IllegalArgumentException when the text is not an address literal
   */
  public static IpAddress parse(String text) {
    Objects.requireNonNull(text, "text");
    String t = text.strip();
    if (t.indexOf(':') >= 0) {
      // A string with a colon is only ever taken as an IPv6 literal by InetAddress: no lookup.
      try {
        String bare = t.startsWith("[") && t.endsWith("]") ? t.substring(1, t.length() - 1) : t;
        if (bare.indexOf('%') >= 0 || bare.isEmpty()) {
          throw new IllegalArgumentException("not an IP address: " + text);
        }
        return new IpAddress(InetAddress.getByName(bare));
      } catch (UnknownHostException e) {
        throw new IllegalArgumentException("not an IP address: " + text, e);
      }
    }
    return new IpAddress(v4(t, text));
  }

  private static InetAddress v4(String t, String original) {
    byte[] bytes = new byte[4];
    int part = 0;
    int value = -1;
    int digits = 0;
    for (int i = 0; i <= t.length(); i++) {
      char c = i < t.length() ? t.charAt(i) : '.';
      if (c >= '0' && c <= '9') {
        value = (value < 0 ? 0 : value * 10) + (c - '0');
        digits++;
        if (value > 255 || digits > 3) {
          throw new IllegalArgumentException("not an IP address: " + original);
        }
      } else if (c == '.' && value >= 0 && part < 4) {
        bytes[part++] = (byte) value;
        value = -1;
        digits = 0;
      } else {
        throw new IllegalArgumentException("not an IP address: " + original);
      }
    }
    if (part != 4) {
      throw new IllegalArgumentException("not an IP address: " + original);
    }
    try {
      return InetAddress.getByAddress(bytes);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  public boolean isV6() {
    return v6;
  }

  /** The address as MaxMind's reader takes it. */
  public InetAddress inet() {
    return inet;
  }

  int v4Bits() {
    return v4;
  }

  long hiBits() {
    return hi;
  }

  long loBits() {
    return lo;
  }

  /** Returns whether the address is private, loopback, link-local or unspecified. */
  public boolean isPrivateOrLocal() {
    return inet.isSiteLocalAddress() || inet.isLoopbackAddress() || inet.isLinkLocalAddress()
        || inet.isAnyLocalAddress() || (v6 && (hi >>> 57) == (0xfc >>> 1)); // fc00::/7 unique local
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IpAddress other && inet.equals(other.inet);
  }

  @Override
  public int hashCode() {
    return inet.hashCode();
  }

  /**
   * The canonical text, as intake stores addresses: IPv4 dotted decimal, IPv6 as RFC 5952
   * (lower case, no leading zeros, the longest run of two or more zero groups as "::").
   */
  @Override
  public String toString() {
    // The same canonical form intake stores, so an event's address and its attribution compare.
    return v6 ? IpAddresses.canonical(inet.getHostAddress()) : inet.getHostAddress();
  }
}
