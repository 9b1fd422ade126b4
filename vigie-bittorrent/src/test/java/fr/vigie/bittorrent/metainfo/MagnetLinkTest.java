package fr.vigie.bittorrent.metainfo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MagnetLinkTest {

  private static final String HEX = "c12fe1c06bba254a9dc9f519b335aa7c1367a88a";

  @Test
  void readsAHexBtihWithNameTrackersAndPeers() {
    MagnetLink m = MagnetLink.parse("magnet:?xt=urn:btih:" + HEX.toUpperCase() + "&dn=Sample+file%20one"
        + "&tr=http%3A%2F%2F127.0.0.1%3A6969%2Fannounce&tr=udp://127.0.0.1:6969&x.pe=127.0.0.2:51413&x.pe=%5B::1%5D:6881&foo=bar");
    assertEquals(HEX, m.v1().orElseThrow().hex());
    assertEquals("Sample file one", m.displayName().orElseThrow());
    assertEquals(List.of("http://127.0.0.1:6969/announce", "udp://127.0.0.1:6969"), m.trackers());
    assertEquals(new MagnetLink.HostPort("127.0.0.2", 51413), m.peers().get(0));
    assertEquals(new MagnetLink.HostPort("::1", 6881), m.peers().get(1));
  }

  @Test
  void readsABase32Btih() {
    // the same 20 bytes in RFC 4648 base32
    MagnetLink m = MagnetLink.parse("magnet:?xt=urn:btih:YEX6DQDLXISUVHOJ6UM3GNNKPQJWPKEK");
    assertEquals(HEX, m.v1().orElseThrow().hex());
  }

  @Test
  void readsAV2MultihashAloneOrBesideAV1Hash() {
    String v2 = "caf1e1c30e81cb361b9ee167c4aa64228a7fa4fa9f6105232b28ad099f3a302e";
    MagnetLink only = MagnetLink.parse("magnet:?xt=urn:btmh:1220" + v2);
    assertTrue(only.v1().isEmpty());
    assertEquals(v2, only.v2().orElseThrow().hex());
    assertEquals(v2.substring(0, 40), java.util.HexFormat.of().formatHex(only.primaryHash().wire()));
    MagnetLink both = MagnetLink.parse("magnet:?xt=urn:btih:" + HEX + "&xt=urn:btmh:1220" + v2);
    assertEquals(HEX, both.primaryHash().hex());
  }

  @Test
  void writesBackWhatItRead() {
    MagnetLink m = MagnetLink.parse("magnet:?xt=urn:btih:" + HEX + "&dn=a%26b&tr=http://127.0.0.1:1/a?x=1%26y=2&x.pe=127.0.0.1:9");
    assertEquals(m, MagnetLink.parse(m.toUri()));
  }

  @Test
  void refusesLinksWithoutABitTorrentHashOrWithBadValues() {
    assertThrows(MetainfoException.class, () -> MagnetLink.parse("http://example.invalid/"));
    assertThrows(MetainfoException.class, () -> MagnetLink.parse("magnet:?dn=nothing"));
    assertThrows(MetainfoException.class, () -> MagnetLink.parse("magnet:?xt=urn:btih:1234"));
    assertThrows(MetainfoException.class, () -> MagnetLink.parse("magnet:?xt=urn:btih:" + "z".repeat(40)));
    assertThrows(MetainfoException.class, () -> MagnetLink.parse("magnet:?xt=urn:btmh:1114" + "0".repeat(40)));
    assertThrows(MetainfoException.class, () -> MagnetLink.parse("magnet:?xt=urn:btih:" + HEX + "&x.pe=::1:5"));
    assertThrows(MetainfoException.class, () -> MagnetLink.parse("magnet:?xt=urn:btih:" + HEX + "&dn=%4"));
    assertThrows(MetainfoException.class, () -> MagnetLink.parse("magnet:?xt=urn:btih:" + HEX + "&xt=urn:btih:" + "0".repeat(40)));
  }
}
