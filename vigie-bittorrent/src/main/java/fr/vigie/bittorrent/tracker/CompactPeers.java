package fr.vigie.bittorrent.tracker;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Compact peer lists (BEP 23, BEP 7, BEP 5, BEP 11): 4 or 16 bytes of address then a big-endian
 * port. Port 0 entries are dropped (nobody listens there).
 */
public final class CompactPeers {

  private CompactPeers() {}

  /** Parses 6-byte IPv4 entries; a trailing partial entry is ignored. */
  public static List<InetSocketAddress> ipv4(byte[] data) {
    return parse(data, 4);
  }

  /** Parses 18-byte IPv6 entries; a trailing partial entry is ignored. */
  public static List<InetSocketAddress> ipv6(byte[] data) {
    return parse(data, 16);
  }

  public static List<InetSocketAddress> parse(byte[] data, int addressLength) {
    int entry = addressLength + 2;
    List<InetSocketAddress> out = new ArrayList<>(data.length / entry);
    for (int i = 0; i + entry <= data.length; i += entry) {
      int port = ((data[i + addressLength] & 0xff) << 8) | (data[i + addressLength + 1] & 0xff);
      if (port == 0) {
        continue;
      }
      out.add(new InetSocketAddress(address(Arrays.copyOfRange(data, i, i + addressLength)), port));
    }
    return out;
  }

  /** The compact form of one address: 6 or 18 bytes. */
  public static byte[] encode(InetSocketAddress address) {
    byte[] ip = address.getAddress().getAddress();
    byte[] out = Arrays.copyOf(ip, ip.length + 2);
    out[ip.length] = (byte) (address.getPort() >> 8);
    out[ip.length + 1] = (byte) address.getPort();
    return out;
  }

  static InetAddress address(byte[] raw) {
    try {
      return InetAddress.getByAddress(raw);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("address of " + raw.length + " bytes", e);
    }
  }
}
