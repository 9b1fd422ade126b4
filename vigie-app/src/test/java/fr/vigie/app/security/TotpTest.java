package fr.vigie.app.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import org.apache.commons.codec.binary.Base32;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class TotpTest {

  /** RFC 6238 Appendix B: the shared secrets are the ASCII digits, repeated to the key size. */
  @ParameterizedTest
  @CsvSource({
      "59,          94287082, 46119246, 90693936",
      "1111111109,  07081804, 68084774, 25091201",
      "1111111111,  14050471, 67062674, 99943326",
      "1234567890,  89005924, 91819424, 93441116",
      "2000000000,  69279037, 90698825, 38618901",
      "20000000000, 65353130, 77737706, 47863826"})
  void matchesTheRfc6238TestVectors(long time, String sha1, String sha256, String sha512) {
    long step = Totp.step(Instant.ofEpochSecond(time));
    assertEquals(sha1, Totp.code(secret("12345678901234567890"), step, 8, "HmacSHA1"));
    assertEquals(sha256,
        Totp.code(secret("12345678901234567890123456789012"), step, 8, "HmacSHA256"));
    assertEquals(sha512, Totp.code(secret(
        "1234567890123456789012345678901234567890123456789012345678901234"), step, 8,
        "HmacSHA512"));
  }

  @Test
  void acceptsOneStepEitherSideAndNothingFurther() {
    String secret = Totp.newSecret(new SecureRandom());
    Instant now = Instant.parse("2026-11-29T10:00:10Z");
    long step = Totp.step(now);
    assertEquals(step - 1, Totp.verify(secret, Totp.code(secret, step - 1), now).orElseThrow());
    assertEquals(step + 1, Totp.verify(secret, Totp.code(secret, step + 1), now).orElseThrow());
    assertTrue(Totp.verify(secret, Totp.code(secret, step - 2), now).isEmpty());
    assertTrue(Totp.verify(secret, Totp.code(secret, step + 2), now).isEmpty());
    String spaced = Totp.code(secret, step).substring(0, 3) + " " + Totp.code(secret, step).substring(3);
    assertEquals(step, Totp.verify(secret, spaced, now).orElseThrow());
    assertTrue(Totp.verify(secret, "12345", now).isEmpty());
    assertTrue(Totp.verify(secret, "abcdef", now).isEmpty());
    assertTrue(Totp.verify(secret, null, now).isEmpty());
  }

  @Test
  void makesSecretsAppsAcceptAndAnOtpauthUri() {
    String secret = Totp.newSecret(new SecureRandom());
    assertEquals(32, secret.length());
    assertTrue(secret.matches("[A-Z2-7]{32}"), secret);
    assertEquals("otpauth://totp/Vigie:enqueteur.lyon?secret=" + secret
            + "&issuer=Vigie&algorithm=SHA1&digits=6&period=30",
        Totp.otpauthUri("Vigie", "enqueteur.lyon", secret));
  }

  private static String secret(String ascii) {
    return new Base32().encodeToString(ascii.getBytes(StandardCharsets.US_ASCII));
  }
}
