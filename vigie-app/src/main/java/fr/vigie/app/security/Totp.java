package fr.vigie.app.security;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Locale;
import java.util.OptionalLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.commons.codec.binary.Base32;

/**
 * Time-based one-time passwords (RFC 6238 over RFC 4226 HOTP): HMAC-SHA1, 30-second steps, 6
 * digits — what every authenticator app produces by default.
 *
 * <p>A code is accepted one step either side of now, so that a phone's clock a little off still
 * works; the caller keeps the step returned and refuses any step not after it (no replay).
 */
public final class Totp {

  public static final int STEP_SECONDS = 30;
  public static final int DIGITS = 6;
  private static final int WINDOW = 1;
  private static final Base32 BASE32 = new Base32();

  private Totp() {}

  /** Returns a new random secret of 160 bits, Base32 without padding (as apps expect). */
  public static String newSecret(SecureRandom random) {
    byte[] key = new byte[20];
    random.nextBytes(key);
    return BASE32.encodeToString(key).replace("=", "");
  }

  /** Returns the time-step containing the instant. */
  public static long step(Instant instant) {
    return Math.floorDiv(instant.getEpochSecond(), STEP_SECONDS);
  }

  /** Returns the code for a Base32 secret at a time-step, with the given number of digits. */
  public static String code(String base32Secret, long step, int digits, String hmacAlgorithm) {
    return hotp(decode(base32Secret), step, digits, hmacAlgorithm);
  }

  /** Returns the 6-digit SHA-1 code at a time-step. */
  public static String code(String base32Secret, long step) {
    return code(base32Secret, step, DIGITS, "HmacSHA1");
  }

  /**
   * Returns the time-step the code matches within one step of {@code now}, or empty. Comparison
   * is constant-time so that timing tells nothing about near misses.
   */
  public static OptionalLong verify(String base32Secret, String code, Instant now) {
    if (code == null) {
      return OptionalLong.empty();
    }
    String digits = code.replaceAll("\\s", "");
    if (!digits.matches("\\d{" + DIGITS + "}")) {
      return OptionalLong.empty();
    }
    byte[] key = decode(base32Secret);
    long current = step(now);
    for (long s = current - WINDOW; s <= current + WINDOW; s++) {
      String expected = hotp(key, s, DIGITS, "HmacSHA1");
      if (MessageDigest.isEqual(expected.getBytes(), digits.getBytes())) {
        return OptionalLong.of(s);
      }
    }
    return OptionalLong.empty();
  }

  /** Returns the otpauth:// URI authenticator apps read from the enrolment QR code. */
  public static String otpauthUri(String issuer, String account, String base32Secret) {
    String label = encode(issuer) + ":" + encode(account);
    return "otpauth://totp/" + label + "?secret=" + base32Secret + "&issuer=" + encode(issuer)
        + "&algorithm=SHA1&digits=" + DIGITS + "&period=" + STEP_SECONDS;
  }

  private static String encode(String s) {
    return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8)
        .replace("+", "%20");
  }

  private static byte[] decode(String base32Secret) {
    return BASE32.decode(base32Secret.toUpperCase(Locale.ROOT).replace(" ", ""));
  }

  private static String hotp(byte[] key, long counter, int digits, String hmacAlgorithm) {
    try {
      Mac mac = Mac.getInstance(hmacAlgorithm);
      mac.init(new SecretKeySpec(key, hmacAlgorithm));
      byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(counter).array());
      int offset = hash[hash.length - 1] & 0x0f;
      int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
          | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
      int modulo = (int) Math.pow(10, digits);
      return String.format(Locale.ROOT, "%0" + digits + "d", binary % modulo);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JDK provides " + hmacAlgorithm, e);
    }
  }
}
