package fr.vigie.bittorrent;

import java.time.Duration;

/** How the exchange with one peer ended. A caller must handle each case (sealed). */
public sealed interface Outcome {

  /** A short name for records: {@code verified}, {@code refused}… */
  String label();

  /** Every piece asked for came from this peer and matched the torrent's hashes. */
  record Verified(int pieces) implements Outcome {
    public String label() {
      return "verified";
    }
  }

  /** Handshake and bitfield captured; no piece was asked for (observation only, or metadata only). */
  record Observed() implements Outcome {
    public String label() {
      return "observed";
    }
  }

  /** The peer holds none of the pieces (empty bitfield, have_none, nothing said). */
  record NoPieces() implements Outcome {
    public String label() {
      return "no_pieces";
    }
  }

  /** A piece did not match its hash: the peer lies or is broken. */
  record BadPiece(int index) implements Outcome {
    public String label() {
      return "bad_piece";
    }
  }

  /** The info dictionary this peer sent by ut_metadata does not hash to the infohash. */
  record BadMetadata() implements Outcome {
    public String label() {
      return "bad_metadata";
    }
  }

  /** The peer kept us choked for the whole wait. */
  record Choked(Duration waited) implements Outcome {
    public String label() {
      return "choked";
    }
  }

  /** Connection refused, another infohash, metadata refused, our requests rejected. */
  record Refused(Stage stage, String reason) implements Outcome {
    public String label() {
      return "refused";
    }
  }

  /** Nothing came in time at this stage. */
  record TimedOut(Stage stage) implements Outcome {
    public String label() {
      return "timed_out";
    }
  }

  /** The peer closed or reset the connection at this stage. */
  record Disconnected(Stage stage, String detail) implements Outcome {
    public String label() {
      return "disconnected";
    }
  }

  /** The peer broke the protocol. */
  record ProtocolError(Stage stage, String detail) implements Outcome {
    public String label() {
      return "protocol_error";
    }
  }
}
