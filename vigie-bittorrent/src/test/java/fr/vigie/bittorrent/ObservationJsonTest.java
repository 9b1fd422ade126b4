package fr.vigie.bittorrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.vigie.bittorrent.metainfo.InfoHash;
import fr.vigie.bittorrent.metainfo.Metainfo.PieceCheck;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ObservationJsonTest {

  private static Observation sample(Outcome outcome) throws Exception {
    Instant t = Instant.parse("2026-03-29T01:30:00.1234567Z"); // the night clocks change in Paris
    InetSocketAddress remote = new InetSocketAddress(InetAddress.getByName("2001:db8::7"), 51413);
    InetSocketAddress local = new InetSocketAddress(InetAddress.getByName("192.0.2.1"), 40000);
    return new Observation(InfoHash.fromHex(InfoHash.Version.V1, "00".repeat(20)), new LeadSource.Tracker("udp://192.0.2.9:6969"),
        remote, Optional.of(local), "mse_rc4", true, t, Optional.of(t), Optional.of(t.plusMillis(5)), Optional.of(t.plusMillis(9)),
        Optional.of(new Bytes("-TR3000-abcdefghijkl".getBytes())), Optional.of("Transmission 3.00"), Optional.of(new Bytes(new byte[8])),
        Optional.of(new Bytes("de".getBytes())), Optional.of("Trans\"mission\u0001"), Optional.of(new Bytes(new byte[] {(byte) 0xf0})),
        false, 4, 4, false, List.of(new PieceResult(2, "ab".repeat(20), PieceCheck.MATCHES, t, new Bytes(new byte[3]))),
        0, 300, 70_000, 1, List.of(), outcome);
  }

  @Test
  void writesTheFieldsOfVigieP2pProbeInUtcWithMilliseconds() throws Exception {
    String line = ObservationJson.line(sample(new Outcome.Verified(1)), Optional.empty());
    for (String field : List.of("infohash", "lead_source", "remote_ip", "remote_port", "local_port", "connected_at", "handshake_at",
        "peer_id", "client", "pieces_held", "pieces_total", "pieces", "uploaded_bytes", "signature")) {
      assertTrue(line.contains("\"" + field + "\":"), field + " in " + line);
    }
    assertTrue(line.contains("\"connected_at\":\"2026-03-29T01:30:00.123Z\""), line);
    assertTrue(line.contains("\"handshake_at\":\"2026-03-29T01:30:00.128Z\""), line);
    assertTrue(line.contains("\"remote_ip\":\"2001:db8:0:0:0:0:0:7\""), line);
    assertTrue(line.contains("\"address_family\":6"), line);
    assertTrue(line.contains("\"pieces\":[{\"index\":2,\"sha1\":\"" + "ab".repeat(20) + "\",\"verified\":true"), line);
    assertTrue(line.contains("\"uploaded_bytes\":0"), line);
    assertTrue(line.contains("\"client_reported\":\"Trans\\\"mission\\u0001\""), line);
    assertTrue(line.endsWith(",\"signature\":null}"), line);
    assertTrue(!line.contains("\n"));
  }

  @Test
  void theSignedFormIsTheLineWithoutItsSignature() throws Exception {
    Observation o = sample(new Outcome.Choked(Duration.ofSeconds(30)));
    String unsigned = ObservationJson.unsigned(o);
    assertEquals(unsigned.substring(0, unsigned.length() - 1) + ",\"signature\":\"c2ln\"}", ObservationJson.line(o, Optional.of("c2ln")));
    assertTrue(unsigned.contains("\"outcome\":\"choked\",\"outcome_detail\":\"choked for 30000 ms\""), unsigned);
  }
}
