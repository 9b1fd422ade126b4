package fr.vigie.bittorrent.tracker;

import java.time.Clock;
import java.time.Duration;

/**
 * @param httpTimeout connect and whole-answer timeout of an HTTP announce
 * @param udpTimeout first UDP wait; doubled at each retry as BEP 15 says (15 s there, short in tests)
 * @param udpAttempts sends of one UDP request before giving up (BEP 15 allows 9; 3 bounds the wait)
 * @param maxAnswerBytes an answer larger than this is refused unread
 * @param concurrency trackers announced to at once
 */
public record TrackerOptions(Clock clock, Duration httpTimeout, Duration udpTimeout, int udpAttempts, int maxAnswerBytes,
    int concurrency) {

  public static TrackerOptions defaults(Clock clock) {
    return new TrackerOptions(clock, Duration.ofSeconds(15), Duration.ofSeconds(5), 3, 2 << 20, 8);
  }

  public TrackerOptions {
    if (udpAttempts < 1 || udpAttempts > 9 || maxAnswerBytes < 1024 || concurrency < 1) {
      throw new IllegalArgumentException("bad tracker options: " + udpAttempts + " attempts, " + maxAnswerBytes + " bytes, " + concurrency);
    }
  }
}
