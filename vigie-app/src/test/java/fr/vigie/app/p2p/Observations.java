package fr.vigie.app.p2p;

import fr.vigie.bittorrent.Bytes;
import fr.vigie.bittorrent.LeadSource;
import fr.vigie.bittorrent.Observation;
import fr.vigie.bittorrent.Outcome;
import fr.vigie.bittorrent.PieceResult;
import fr.vigie.bittorrent.metainfo.InfoHash;
import fr.vigie.bittorrent.metainfo.Metainfo.PieceCheck;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Observations built in code, as a probe would make them, for the application's tests. */
final class Observations {

  private Observations() {}

  /** A peer that answered the handshake at {@code at} and served two pieces that verified. */
  static Observation verified(String infohashHex, String ip, int port, Instant at) {
    return of(infohashHex, ip, port, at, true, new Outcome.Verified(2));
  }

  /** A peer that was a lead only: the connection was refused. */
  static Observation refused(String infohashHex, String ip, int port, Instant at) {
    return of(infohashHex, ip, port, at, false, new Outcome.Refused(
        fr.vigie.bittorrent.Stage.CONNECT, "connection refused"));
  }

  private static Observation of(String infohashHex, String ip, int port, Instant at,
      boolean handshake, Outcome outcome) {
    InetSocketAddress remote;
    InetSocketAddress local;
    try {
      remote = new InetSocketAddress(InetAddress.getByName(ip), port);
      local = new InetSocketAddress(InetAddress.getByName("192.0.2.1"), 40000);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(e);
    }
    List<PieceResult> pieces = handshake ? List.of(
        new PieceResult(0, "ab".repeat(20), PieceCheck.MATCHES, at.plusMillis(900),
            new Bytes(new byte[3])),
        new PieceResult(3, "cd".repeat(20), PieceCheck.MATCHES, at.plusMillis(1200),
            new Bytes(new byte[3]))) : List.of();
    return new Observation(InfoHash.fromHex(InfoHash.Version.V1, infohashHex),
        new LeadSource.Tracker("udp://192.0.2.9:6969/announce"), remote,
        handshake ? Optional.of(local) : Optional.empty(), "none", false, at.minusMillis(40),
        handshake ? Optional.of(at.minusMillis(20)) : Optional.empty(),
        handshake ? Optional.of(at) : Optional.empty(),
        handshake ? Optional.of(at.plusMillis(1300)) : Optional.empty(),
        handshake ? Optional.of(new Bytes("-TR3000-abcdefghijkl".getBytes())) : Optional.empty(),
        handshake ? Optional.of("Transmission 3.00") : Optional.empty(),
        handshake ? Optional.of(new Bytes(new byte[8])) : Optional.empty(),
        handshake ? Optional.of(new Bytes("d1:v16:Transmission 3.00e".getBytes()))
            : Optional.empty(),
        handshake ? Optional.of("Transmission 3.00") : Optional.empty(),
        handshake ? Optional.of(new Bytes(new byte[] {(byte) 0xf0})) : Optional.empty(),
        false, handshake ? 4 : 0, 4, false, pieces, 0, 300, 70_000, 0, List.of(), outcome);
  }
}
