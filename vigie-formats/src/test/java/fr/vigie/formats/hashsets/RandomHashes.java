package fr.vigie.formats.hashsets;

import java.util.HexFormat;
import java.util.Random;

/** Random hex hashes for tests: never the hash of any real file. */
final class RandomHashes {

  private final Random random;

  RandomHashes(long seed) {
    this.random = new Random(seed);
  }

  String hex(int hexDigits) {
    byte[] bytes = new byte[hexDigits / 2];
    random.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  String md5() {
    return hex(32);
  }

  String sha1() {
    return hex(40);
  }

  String sha256() {
    return hex(64);
  }
}
