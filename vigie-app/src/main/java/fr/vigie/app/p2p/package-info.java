/**
 * The P2P sensor, application side: the sensors and their Ed25519 keys, the watchlist with each
 * entry's provenance, the intake of signed observations (refused unless signed by a registered
 * sensor, about a watched torrent; each that reached a handshake filed as an IP event through
 * {@link fr.vigie.app.intake.SensorSightings}), the sensor's API and the pages. Owns the
 * {@code p2p_*} tables. The BitTorrent side is the pure module {@code vigie-bittorrent}.
 */
package fr.vigie.app.p2p;
