package fr.vigie.bittorrent;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/** Textual forms of addresses for records: no reverse DNS, ever. */
public final class Addresses {

  private Addresses() {}

  /** {@code 192.0.2.7} or {@code 2001:db8::7}: the literal, never a host name. */
  public static String ip(InetAddress address) {
    String s = address.getHostAddress();
    int scope = s.indexOf('%');
    return scope >= 0 ? s.substring(0, scope) : s;
  }

  /** {@code 4} or {@code 6}. */
  public static int family(InetAddress address) {
    return address instanceof Inet6Address ? 6 : 4;
  }

  /** {@code 192.0.2.7:6881} or {@code [2001:db8::7]:6881}. */
  public static String format(InetSocketAddress address) {
    InetAddress a = address.getAddress();
    if (a == null) {
      return address.getHostString() + ":" + address.getPort();
    }
    return (a instanceof Inet6Address ? "[" + ip(a) + "]" : ip(a)) + ":" + address.getPort();
  }
}
