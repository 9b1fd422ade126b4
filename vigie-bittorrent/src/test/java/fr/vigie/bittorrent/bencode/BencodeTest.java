package fr.vigie.bittorrent.bencode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.vigie.bittorrent.bencode.BValue.BBytes;
import fr.vigie.bittorrent.bencode.BValue.BDict;
import fr.vigie.bittorrent.bencode.BValue.BInt;
import fr.vigie.bittorrent.bencode.BValue.BList;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BencodeTest {

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static BValue decode(String s) {
    return Bencode.decode(b(s));
  }

  @Test
  void decodesTheKnownVectorsOfBep3() {
    assertEquals(3, ((BInt) decode("i3e")).value());
    assertEquals(-3, ((BInt) decode("i-3e")).value());
    assertEquals(0, ((BInt) decode("i0e")).value());
    assertEquals("spam", ((BBytes) decode("4:spam")).utf8());
    assertEquals(0, ((BBytes) decode("0:")).length());
    BList list = (BList) decode("l4:spam4:eggse");
    assertEquals(List.of("spam", "eggs"), list.items().stream().map(v -> ((BBytes) v).utf8()).toList());
    BDict dict = (BDict) decode("d3:cow3:moo4:spam4:eggse");
    assertEquals("moo", dict.string("cow").orElseThrow());
    assertEquals("eggs", dict.string("spam").orElseThrow());
    BDict nested = (BDict) decode("d4:spaml1:a1:bee");
    assertEquals(2, nested.list("spam").orElseThrow().items().size());
  }

  @Test
  void readsTheExtremesOfA64BitInteger() {
    assertEquals(Long.MAX_VALUE, ((BInt) decode("i9223372036854775807e")).value());
    assertEquals(Long.MIN_VALUE, ((BInt) decode("i-9223372036854775808e")).value());
    assertThrows(BencodeException.class, () -> decode("i9223372036854775808e"));
    assertThrows(BencodeException.class, () -> decode("i-9223372036854775809e"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"i03e", "i-0e", "ie", "i-e", "i3", "03:abc", "5:abc", "l", "d", "d3:cowe", "di1e3:mooe", "x",
      "d4:spam1:a3:cow3:mooe", "d3:cow3:moo3:cow3:mooe", "i1ei2e", "4:spamx", "", "-1:a", "i+3e", "i 3e", "l4:spame3:abc"})
  void refusesInputThatIsNotStrictBencode(String input) {
    assertThrows(BencodeException.class, () -> decode(input));
  }

  @Test
  void unsortedKeysAreRefusedStrictlyButReadForMessagesDuplicatesNever() {
    assertThrows(BencodeException.class, () -> Bencode.decode(b("d1:b1:x1:a1:ye"), BencodeLimits.STRICT));
    BDict d = (BDict) Bencode.decode(b("d1:b1:x1:a1:ye"), BencodeLimits.MESSAGE);
    assertEquals(List.of("b", "a"), List.copyOf(d.entries().keySet()));
    assertThrows(BencodeException.class, () -> Bencode.decode(b("d1:a1:x1:a1:ye"), BencodeLimits.MESSAGE));
  }

  @Test
  void keysCompareAsRawUnsignedBytes() {
    // 0x7f sorts before 0x80 as unsigned bytes (a signed compare would put 0x80 first)
    byte[] ok = {'d', '1', ':', 0x7f, 'i', '1', 'e', '1', ':', (byte) 0x80, 'i', '2', 'e', 'e'};
    assertEquals(2, ((BDict) Bencode.decode(ok)).entries().size());
    byte[] bad = {'d', '1', ':', (byte) 0x80, 'i', '1', 'e', '1', ':', 0x7f, 'i', '2', 'e', 'e'};
    assertThrows(BencodeException.class, () -> Bencode.decode(bad));
  }

  @Test
  void refusesDeepNestingLongStringsAndTooManyValues() {
    String deep = "l".repeat(100) + "e".repeat(100);
    BencodeException e = assertThrows(BencodeException.class, () -> decode(deep));
    assertTrue(e.getMessage().contains("deeper"), e.getMessage());
    BencodeLimits small = new BencodeLimits(8, 10, 5, true);
    assertThrows(BencodeException.class, () -> Bencode.decode(b("11:hello world"), small));
    assertThrows(BencodeException.class, () -> Bencode.decode(b("li1ei2ei3ei4ei5ee"), small));
    // a huge declared length is refused before any allocation
    assertThrows(BencodeException.class, () -> decode("99999999999999999999:x"));
  }

  @Test
  void everyValueKeepsTheSpanItCameFrom() {
    byte[] in = b("d4:infod6:lengthi5e4:name1:xe4:spam4:eggse");
    BDict root = (BDict) Bencode.decode(in);
    BDict info = root.dict("info").orElseThrow();
    assertEquals("d6:lengthi5e4:name1:xe", new String(info.raw(), StandardCharsets.ISO_8859_1));
    assertEquals(7, info.span().start());
    assertEquals("4:eggs", new String(root.bytes("spam").orElseThrow().raw(), StandardCharsets.ISO_8859_1));
  }

  @Test
  void hashingTheRawSpanDiffersFromHashingARencodingWhenTheInputWasNotCanonical() throws Exception {
    // an info dictionary written with unsorted keys by a sloppy encoder
    byte[] in = b("d4:infod4:name1:x6:lengthi5eee");
    BDict root = (BDict) Bencode.decode(in, BencodeLimits.TORRENT);
    BDict info = root.dict("info").orElseThrow();
    byte[] raw = info.raw();
    byte[] canonical = BencodeWriter.reencode(info);
    assertEquals("d4:name1:x6:lengthi5ee", new String(raw, StandardCharsets.ISO_8859_1));
    assertEquals("d6:lengthi5e4:name1:xe", new String(canonical, StandardCharsets.ISO_8859_1));
    MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
    assertFalse(MessageDigest.isEqual(sha1.digest(raw), sha1.digest(canonical)));
  }

  @Test
  void decodePrefixLeavesTheTrailingBytesToTheCaller() {
    byte[] in = b("d8:msg_typei1e5:piecei0eeRAWDATA");
    BValue v = Bencode.decodePrefix(in, 0, in.length, BencodeLimits.MESSAGE);
    assertEquals(in.length - 7, v.span().end());
    assertThrows(BencodeException.class, () -> Bencode.decode(in, BencodeLimits.MESSAGE));
  }

  @Test
  void encodesWithSortedKeysAndRoundTrips() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("zeta", 1);
    m.put("alpha", List.of("x", 2L, new byte[] {0, (byte) 0xff}));
    m.put("mid", Map.of("k", "v"));
    byte[] out = BencodeWriter.encode(m);
    assertEquals("d5:alphal1:xi2e2:\u0000\u00ffe3:midd1:k1:ve4:zetai1ee", new String(out, StandardCharsets.ISO_8859_1));
    assertArrayEquals(out, Bencode.decode(out).raw());
    assertArrayEquals(out, BencodeWriter.reencode(Bencode.decode(out)));
  }

  @Test
  void randomInputNeverEscapesAsAnythingButABencodeException() {
    SplittableRandom random = new SplittableRandom(14);
    String alphabet = "ilde0123456789:-ab";
    for (int n = 0; n < 20_000; n++) {
      int len = random.nextInt(1, 24);
      byte[] in = new byte[len];
      for (int i = 0; i < len; i++) {
        in[i] = (byte) alphabet.charAt(random.nextInt(alphabet.length()));
      }
      try {
        BValue v = Bencode.decode(in);
        assertArrayEquals(in, v.raw(), "seed 14, input " + new String(in, StandardCharsets.ISO_8859_1));
        assertArrayEquals(in, BencodeWriter.reencode(v), "strict input is canonical: " + new String(in, StandardCharsets.ISO_8859_1));
      } catch (BencodeException expected) {
        // refused: fine
      }
    }
  }
}
