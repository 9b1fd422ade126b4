package fr.vigie.app.jobs;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What one job works on: one record per kind of job ({@link JobKind}), validated in its compact
 * constructor, stored as a JSON object of its components (docs/jobs.md). The record alone names
 * the work, through {@link #key()}: no caller builds a dedupe key by hand.
 */
public interface JobPayload {

  /**
   * Returns what names this work among the jobs of its kind: two payloads with the same key are
   * the same job (queued once, or run again). Its kind's name is put before it
   * ({@link JobKind#dedupeKey}); at most 150 characters.
   */
  String key();

  /**
   * Returns the sorted, distinct ids: the one form of a set of ids in a payload, so that the
   * same set asked for twice is the same job.
   */
  static List<Long> canonical(Collection<Long> ids) {
    return ids.stream().distinct().sorted().toList();
  }

  /**
   * Returns the key of a set of ids: the SHA-256 of the sorted, distinct ids written in decimal
   * and joined with commas, its first 128 bits in lower-case hex. A digest rather than the ids
   * themselves because a set may hold hundreds of them; 128 bits because two different sets
   * with one key would be one job, and the second set would never be worked on (a 32-bit
   * {@code hashCode} did that).
   */
  static String digestOf(Collection<Long> ids) {
    String text = canonical(ids).stream().map(String::valueOf).collect(Collectors.joining(","));
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
