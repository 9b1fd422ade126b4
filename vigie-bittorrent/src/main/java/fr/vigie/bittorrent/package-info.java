/**
 * The P2P sensor's BitTorrent side: {@link fr.vigie.bittorrent.SwarmProbe} gathers leads for one
 * torrent (trackers, DHT, PEX, explicit peers), connects to each peer, and returns one {@link
 * fr.vigie.bittorrent.Observation} per peer contacted. It never uploads: see docs/p2p.md.
 *
 * <p>Sub-packages hold the protocols ({@code bencode}, {@code metainfo}, {@code tracker}, {@code
 * dht}, {@code wire}); the application needs only this package and {@code metainfo}.
 */
package fr.vigie.bittorrent;
