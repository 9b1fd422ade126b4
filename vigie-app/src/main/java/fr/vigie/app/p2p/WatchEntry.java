package fr.vigie.app.p2p;

import java.time.Instant;
import java.util.Optional;

/**
 * One torrent on the watchlist.
 *
 * @param infohash lower-case hex (40 digits for v1, 64 for v2)
 * @param hasTorrent whether the .torrent file is held (then the sensor probes from it)
 */
public record WatchEntry(long id, String infohash, boolean hasTorrent, Optional<String> magnet,
    Optional<String> displayName, Provenance provenance, String addedBy, Instant addedAt,
    boolean active) {}
