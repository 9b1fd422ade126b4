package fr.vigie.bittorrent;

import fr.vigie.bittorrent.dht.DhtLookup;
import fr.vigie.bittorrent.metainfo.InfoHash;
import fr.vigie.bittorrent.metainfo.Metainfo;
import fr.vigie.bittorrent.tracker.AnnounceResult;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One round of a probe.
 *
 * @param metainfo the torrent, given or fetched by ut_metadata (empty if no peer gave it)
 * @param announces every tracker's answer to our {@code started} announce
 * @param dht the DHT lookup, when bootstrap nodes were configured
 * @param leads every distinct address learnt, with its first source (PEX included)
 * @param observations one per peer contacted
 */
public record ProbeResult(InfoHash infoHash, Optional<Metainfo> metainfo, Instant startedAt, Instant finishedAt,
    List<AnnounceResult> announces, Optional<DhtLookup> dht, List<Lead> leads, List<Observation> observations) {

  public ProbeResult {
    announces = List.copyOf(announces);
    leads = List.copyOf(leads);
    observations = List.copyOf(observations);
  }

  /** Payload bytes sent to all peers: 0, or the sensor is broken. */
  public long uploadedBytes() {
    return observations.stream().mapToLong(Observation::uploadedBytes).sum();
  }
}
