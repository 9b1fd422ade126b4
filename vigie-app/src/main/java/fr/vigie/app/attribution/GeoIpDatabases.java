package fr.vigie.app.attribution;

import fr.vigie.geo.GeoIp;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The MaxMind databases of {@code vigie.geoip.dir}, opened once; {@link #reload()} reopens them
 * after the user replaced the files. Missing databases are a status, never a failure.
 */
@Component
public class GeoIpDatabases {

  private static final Logger log = LoggerFactory.getLogger(GeoIpDatabases.class);

  private final GeoIpSettings settings;
  private volatile GeoIp current;

  GeoIpDatabases(GeoIpSettings settings) {
    this.settings = settings;
    this.current = open();
    log.info("{}", current.status());
  }

  public GeoIp current() {
    return current;
  }

  /** Reopens the folder (new files from MaxMind) and returns the new status. */
  public synchronized String reload() {
    GeoIp old = current;
    current = open();
    old.close();
    return current.status();
  }

  private GeoIp open() {
    // An empty VIGIE_GEOIP_DIR binds to the empty path, which is the working directory: unset.
    boolean unset = settings.dir() == null || settings.dir().toString().isBlank();
    return GeoIp.open(unset ? null : settings.dir());
  }

  @PreDestroy
  void close() {
    current.close();
  }
}
