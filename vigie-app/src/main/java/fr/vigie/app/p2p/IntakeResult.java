package fr.vigie.app.p2p;

import java.util.Optional;

/** What became of one pushed line. */
public sealed interface IntakeResult {

  /**
   * Stored, now or before ({@code duplicate}: the same signed line was stored already).
   *
   * @param ipEventId the IP event it became, when it reached a handshake
   */
  record Accepted(long observationId, boolean duplicate, Optional<Long> ipEventId)
      implements IntakeResult {}

  /** Refused and kept nowhere; {@code reason} says why in one sentence. */
  record Refused(Why why, String reason) implements IntakeResult {}

  /** Why a line was refused. */
  enum Why { MALFORMED, UNSIGNED, UNKNOWN_SENSOR, BAD_SIGNATURE, UNKNOWN_INFOHASH }
}
