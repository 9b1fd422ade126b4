package fr.vigie.hashing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PdqHashTest {

  @Test
  void hexRoundTripsInTheCliBitOrder() {
    String hex = "d8f8f0cee0f4a84f0637022a078f67f0b36e2ed596621e1d33e6339c4e9c9b22";
    PdqHash h = PdqHash.fromHex(hex);
    assertEquals(0xd8f8f0cee0f4a84fL, h.w0());
    assertEquals(0x33e6339c4e9c9b22L, h.w3());
    assertEquals(hex, h.toHex());
    assertEquals(hex, PdqHash.fromHex(hex.toUpperCase(java.util.Locale.ROOT)).toHex());
    BigInteger value = new BigInteger(hex, 16);
    for (int k = 0; k < 256; k++) {
      assertEquals(value.testBit(k), h.bit(k), "bit " + k);
    }
  }

  @Test
  void distanceCountsDifferingBits() {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    for (int i = 0; i < 1000; i++) {
      PdqHash a = new PdqHash(random.nextLong(), random.nextLong(), random.nextLong(),
          random.nextLong());
      PdqHash b = new PdqHash(random.nextLong(), random.nextLong(), random.nextLong(),
          random.nextLong());
      int naive = 0;
      for (int k = 0; k < 256; k++) {
        naive += a.bit(k) != b.bit(k) ? 1 : 0;
      }
      assertEquals(naive, a.distanceTo(b), "seed " + seed);
      assertEquals(0, a.distanceTo(a));
    }
    assertEquals(256, PdqHash.ZERO.distanceTo(new PdqHash(-1, -1, -1, -1)));
  }

  @Test
  void refusesMalformedHexNamingTheValue() {
    for (String bad : new String[] {"", "abc", "g".repeat(64), "0".repeat(63), "0".repeat(65),
        " " + "0".repeat(63), "+" + "0".repeat(63)}) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> PdqHash.fromHex(bad));
      assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
    }
    assertThrows(NullPointerException.class, () -> PdqHash.fromHex(null));
  }

  @Test
  void qualityBelowFiftyIsNotTrusted() {
    assertFalse(new PdqResult(PdqHash.ZERO, 49).trusted());
    assertTrue(new PdqResult(PdqHash.ZERO, 50).trusted());
    assertThrows(IllegalArgumentException.class, () -> new PdqResult(PdqHash.ZERO, 101));
  }
}
