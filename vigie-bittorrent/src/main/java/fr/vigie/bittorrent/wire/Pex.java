package fr.vigie.bittorrent.wire;

import fr.vigie.bittorrent.bencode.BValue;
import fr.vigie.bittorrent.bencode.BValue.BDict;
import fr.vigie.bittorrent.bencode.Bencode;
import fr.vigie.bittorrent.bencode.BencodeException;
import fr.vigie.bittorrent.bencode.BencodeLimits;
import fr.vigie.bittorrent.tracker.CompactPeers;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/** BEP 11 {@code ut_pex}: the {@code added} and {@code added6} peers of a message; we never send one. */
public final class Pex {

  private Pex() {}

  public static List<InetSocketAddress> added(byte[] payload) {
    BValue v;
    try {
      v = Bencode.decode(payload, BencodeLimits.MESSAGE);
    } catch (BencodeException e) {
      throw new WireException("ut_pex is not bencode: " + e.getMessage());
    }
    if (!(v instanceof BDict d)) {
      throw new WireException("ut_pex is not a dictionary");
    }
    List<InetSocketAddress> out = new ArrayList<>();
    d.bytes("added").ifPresent(b -> out.addAll(CompactPeers.ipv4(b.value())));
    d.bytes("added6").ifPresent(b -> out.addAll(CompactPeers.ipv6(b.value())));
    return out;
  }
}
