package fr.vigie.geo;

import com.maxmind.db.CHMCache;
import com.maxmind.geoip2.DatabaseReader;
import com.maxmind.geoip2.exception.GeoIp2Exception;
import com.maxmind.geoip2.model.AsnResponse;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The MaxMind databases found in one folder: a location database (GeoIP2/GeoLite2 City, else
 * Country) and an ASN database, each read through MaxMind's reader with its node cache. Files are
 * recognised by the type their metadata declares, not by their names, so a user may keep the
 * names MaxMind ships (and several editions: City is preferred to Country, GeoIP2 to GeoLite2).
 *
 * <p>A missing folder or missing files never fail: {@link #available()} is false and
 * {@link #status()} says what is missing; lookups then answer {@link GeoFacts#NOTHING}.
 * Thread-safe (MaxMind's reader is).
 */
public final class GeoIp implements Closeable {

  private final DatabaseReader location;
  private final boolean locationIsCity;
  private final DatabaseReader asn;
  private final String status;

  private GeoIp(DatabaseReader location, boolean locationIsCity, DatabaseReader asn,
      String status) {
    this.location = location;
    this.locationIsCity = locationIsCity;
    this.asn = asn;
    this.status = status;
  }

  /** No database at all, with the reason shown to users. */
  public static GeoIp none(String reason) {
    return new GeoIp(null, false, null, reason);
  }

  /** Opens the databases in {@code folder} (null or missing: {@link #none}). */
  public static GeoIp open(Path folder) {
    if (folder == null) {
      return none("no GeoIP database: vigie.geoip.dir (VIGIE_GEOIP_DIR) is not set");
    }
    if (!Files.isDirectory(folder)) {
      return none("no GeoIP database: folder " + folder + " does not exist");
    }
    List<Path> files;
    try (Stream<Path> list = Files.list(folder)) {
      files = list.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT)
          .endsWith(".mmdb")).sorted().toList();
    } catch (IOException e) {
      return none("no GeoIP database: cannot list " + folder + " (" + e.getMessage() + ")");
    }
    DatabaseReader city = null;
    DatabaseReader country = null;
    DatabaseReader asn = null;
    List<String> found = new ArrayList<>();
    for (Path file : files) {
      DatabaseReader reader;
      try {
        reader = new DatabaseReader.Builder(file.toFile()).withCache(new CHMCache()).build();
      } catch (IOException e) {
        found.add(file.getFileName() + " unreadable (" + e.getMessage() + ")");
        continue;
      }
      String type = reader.metadata().databaseType();
      boolean taken = false;
      if (type.endsWith("-City") && better(city, type)) {
        closeQuietly(city);
        city = reader;
        taken = true;
      } else if (type.endsWith("-Country") && better(country, type)) {
        closeQuietly(country);
        country = reader;
        taken = true;
      } else if (type.endsWith("-ASN") && asn == null) {
        asn = reader;
        taken = true;
      }
      if (!taken) {
        closeQuietly(reader);
      } else {
        found.add(file.getFileName() + " (" + type + ")");
      }
    }
    DatabaseReader location = city != null ? city : country;
    if (city != null) {
      closeQuietly(country);
    }
    if (location == null && asn == null) {
      return none("no GeoIP database: no City, Country or ASN .mmdb file in " + folder);
    }
    String status = "GeoIP: " + String.join(", ", found)
        + (location == null ? "; no City/Country database: countries unknown" : "")
        + (asn == null ? "; no ASN database: operators known only by CGNAT range" : "");
    return new GeoIp(location, city != null, asn, status);
  }

  private static boolean better(DatabaseReader current, String type) {
    return current == null || (type.startsWith("GeoIP2")
        && !current.metadata().databaseType().startsWith("GeoIP2"));
  }

  /** Returns whether at least one database is open. */
  public boolean available() {
    return location != null || asn != null;
  }

  public boolean hasLocation() {
    return location != null;
  }

  public boolean hasAsn() {
    return asn != null;
  }

  /** Which files are in use, or why none is. */
  public String status() {
    return status;
  }

  /** Looks the address up in every open database. */
  public GeoFacts lookup(IpAddress address) {
    if (!available()) {
      return GeoFacts.NOTHING;
    }
    try {
      String countryCode = null;
      if (location != null) {
        var country = locationIsCity
            ? location.tryCity(address.inet()).map(r -> r.country())
            : location.tryCountry(address.inet()).map(r -> r.country());
        countryCode = country.map(c -> c.isoCode()).orElse(null);
      }
      Long number = null;
      String organisation = null;
      if (asn != null) {
        Optional<AsnResponse> a = asn.tryAsn(address.inet());
        if (a.isPresent()) {
          number = a.get().autonomousSystemNumber();
          organisation = a.get().autonomousSystemOrganization();
        }
      }
      return new GeoFacts(countryCode, number, organisation);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeoIp2Exception e) {
      return GeoFacts.NOTHING;
    }
  }

  @Override
  public void close() {
    closeQuietly(location);
    closeQuietly(asn);
  }

  private static void closeQuietly(Closeable c) {
    if (c != null) {
      try {
        c.close();
      } catch (IOException ignored) {
        // read-only files: nothing to lose
      }
    }
  }
}
