package fr.vigie.app.p2p;

import fr.vigie.bittorrent.Leads;
import fr.vigie.bittorrent.Observation;
import fr.vigie.bittorrent.Outcome;
import fr.vigie.bittorrent.ProbeOptions;
import fr.vigie.bittorrent.ProbeResult;
import fr.vigie.bittorrent.SwarmProbe;
import fr.vigie.bittorrent.Target;
import java.security.PrivateKey;
import java.util.List;
import java.util.Optional;

/**
 * One probe round of one torrent through {@link SwarmProbe}, its observations as lines signed by
 * the sensor's key ({@link SignedLines}). No Spring: {@code ./vigie p2p probe} and the sensor run
 * it without the platform.
 */
public final class SensorRound {

  /**
   * The round: its lines (one per peer contacted, in the order of {@code observations}, whose
   * pieces hold the bytes received) and its figures.
   */
  public record Round(String infohash, List<String> lines, List<Observation> observations,
      int leads, int contacted, long verified, long uploadedBytes) {

    public Round {
      lines = List.copyOf(lines);
      observations = List.copyOf(observations);
    }
  }

  private SensorRound() {}

  /**
   * Probes once; each line signed by {@code key}, or with {@code "signature":null} without one.
   */
  public static Round run(Target target, Leads leads, ProbeOptions options,
      SignedLines.SensorStamp stamp, Optional<PrivateKey> key) {
    ProbeResult result = new SwarmProbe(options).probe(target, leads);
    List<String> lines = result.observations().stream().map(o -> line(o, stamp, key)).toList();
    long verified = result.observations().stream()
        .filter(o -> o.outcome() instanceof Outcome.Verified).count();
    return new Round(result.infoHash().hex(), lines, result.observations(),
        result.leads().size(),
        result.observations().size(), verified, result.uploadedBytes());
  }

  /** One observation as a line. */
  public static String line(Observation o, SignedLines.SensorStamp stamp,
      Optional<PrivateKey> key) {
    String text = SignedLines.signedText(o, stamp);
    return key.map(k -> SignedLines.sign(text, k))
        .orElseGet(() -> text.substring(0, text.length() - 1) + ",\"signature\":null}");
  }

}
