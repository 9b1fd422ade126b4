package fr.vigie.app.media.internal;

import static fr.vigie.app.storage.Timestamps.utc;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Single-use reveal tokens in {@code media_reveals}, so that every Vigie node honours them: a
 * token opens one media item's clear picture once, for its holder, before it expires. Issuing a
 * token revokes the holder's earlier unused ones: one reveal at a time.
 */
@Repository
class JdbcReveals {

  private static final SecureRandom RANDOM = new SecureRandom();

  private final JdbcClient jdbc;

  JdbcReveals(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Returns a new token for {@code username} to see {@code mediaId} once within {@code ttl}. */
  @Transactional
  public String issue(long mediaId, String username, Instant now, Duration ttl) {
    jdbc.sql("""
        update media_reveals set revoked_at = ?
        where username = ? and used_at is null and revoked_at is null
        """).params(utc(now), username).update();
    byte[] raw = new byte[32];
    RANDOM.nextBytes(raw);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    jdbc.sql("""
        insert into media_reveals (token_sha256, media_id, username, issued_at, expires_at)
        values (?, ?, ?, ?, ?)
        """).params(sha256(token), mediaId, username, utc(now), utc(now.plus(ttl))).update();
    return token;
  }

  /**
   * Uses the token: returns the media id when the token is the holder's, unused, not revoked
   * and not expired; it is then spent whatever follows.
   */
  @Transactional
  public Optional<Long> consume(String token, String username, Instant now) {
    if (token == null || token.length() > 100) {
      return Optional.empty();
    }
    String hash = sha256(token);
    int used = jdbc.sql("""
        update media_reveals set used_at = ?
        where token_sha256 = ? and username = ? and used_at is null and revoked_at is null
          and expires_at > ?
        """).params(utc(now), hash, username, utc(now)).update();
    if (used != 1) {
      return Optional.empty();
    }
    return jdbc.sql("select media_id from media_reveals where token_sha256 = ?").param(hash)
        .query(Long.class).optional();
  }

  private static String sha256(String token) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(token.getBytes(StandardCharsets.US_ASCII)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
