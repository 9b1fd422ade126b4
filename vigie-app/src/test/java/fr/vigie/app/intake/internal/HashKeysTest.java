package fr.vigie.app.intake.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class HashKeysTest {

  @Test
  void theKeyIsTheDigestsFirstSixtyFourBitsAsTheBytesReadThem() throws Exception {
    byte[] md5 = MessageDigest.getInstance("MD5").digest("vigie".getBytes());
    long expected = 0;
    for (int i = 0; i < 8; i++) {
      expected = (expected << 8) | (md5[i] & 0xff);
    }
    String hex = HexFormat.of().formatHex(md5);

    assertEquals(expected, HashKeys.of(hex));
    assertEquals(expected, HashKeys.of(hex.toUpperCase()), "either case");
  }

  @Test
  void keysAboveTwoToTheSixtyThreeAreNegativeLongsNotErrors() {
    assertEquals(-1L, HashKeys.of("ffffffffffffffff" + "0".repeat(16)));
    assertEquals(Long.MIN_VALUE, HashKeys.of("8000000000000000" + "0".repeat(24)));
  }

  @Test
  void aRowIsKeyedByTheFirstDigestItDeclaresMd5First() {
    String md5 = "0123456789abcdef" + "0".repeat(16);
    String sha1 = "fedcba9876543210" + "0".repeat(24);
    String sha256 = "1111111111111111" + "0".repeat(48);

    assertEquals(HashKeys.of(md5), HashKeys.of(md5, sha1, sha256));
    assertEquals(HashKeys.of(sha1), HashKeys.of(null, sha1, sha256));
    assertEquals(HashKeys.of(sha256), HashKeys.of(null, null, sha256));
    assertNull(HashKeys.of(null, null, null));
  }

  @Test
  void noKeyForWhatIsNotADigest() {
    assertNull(HashKeys.of(null));
    assertNull(HashKeys.of("abc123"));
    assertNull(HashKeys.of("zz" + "0".repeat(30)));
  }
}
