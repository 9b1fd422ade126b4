package fr.vigie.app.p2p;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The sensor run inside the server ({@code vigie.p2p.*}).
 *
 * @param sensorEnabled whether the server probes the active watchlist itself
 *     ({@code VIGIE_P2P_SENSOR_ENABLED}; off by default)
 * @param interval the time between the start of one round of the whole watchlist and the next
 * @param initialDelay the time from the server's start to its first round
 * @param sensorName the name the server's lines carry in {@code sensor}, registered at first
 *     start with the key {@code $VIGIE_HOME/keys/p2p-sensor.key}
 * @param pieces pieces downloaded and verified from each peer
 * @param unchokeWait how long to wait for a peer's unchoke before giving up on its pieces
 * @param entriesAtOnce how many watch entries are probed at the same time
 * @param connectionsAtOnce how many peer connections the server's sensor holds at once, all
 *     entries together
 * @param trackers trackers asked for every entry besides those of its .torrent or magnet
 * @param peers explicit peers ({@code host:port}) tried for every entry
 * @param loopbackOnly contact loopback addresses only (tests)
 * @param ntpServer the SNTP server the clock is checked against before each round, or blank
 */
@ConfigurationProperties("vigie.p2p")
public record P2pSettings(
    @DefaultValue("false") boolean sensorEnabled,
    @DefaultValue("15m") Duration interval,
    @DefaultValue("1m") Duration initialDelay,
    @DefaultValue("vigie-serveur") String sensorName,
    @DefaultValue("2") int pieces,
    @DefaultValue("30s") Duration unchokeWait,
    @DefaultValue("2") int entriesAtOnce,
    @DefaultValue("64") int connectionsAtOnce,
    @DefaultValue("") List<String> trackers,
    @DefaultValue("") List<String> peers,
    @DefaultValue("false") boolean loopbackOnly,
    @DefaultValue("") String ntpServer) {

  public P2pSettings {
    trackers = trackers == null ? List.of()
        : trackers.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
    peers = peers == null ? List.of()
        : peers.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("vigie.p2p.interval must be positive");
    }
    if (entriesAtOnce < 1 || connectionsAtOnce < 1) {
      throw new IllegalArgumentException(
          "vigie.p2p.entries-at-once and connections-at-once must be at least 1");
    }
    if (!Sensors.NAME.matcher(sensorName).matches()) {
      throw new IllegalArgumentException("vigie.p2p.sensor-name: 1 to 64 of A-Z a-z 0-9 _ . -");
    }
  }
}
