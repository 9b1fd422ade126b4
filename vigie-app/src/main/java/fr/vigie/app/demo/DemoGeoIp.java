package fr.vigie.app.demo;

import fr.vigie.geo.MaxMindDbWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;

/**
 * The demo's own GeoIP databases: a country and an ASN file over the documentation ranges the
 * synthetic reports use, so that the demo's IP events end where real ones would (a French
 * operator, a few abroad, a few with an operator nobody knows) without MaxMind's files. Written
 * by {@code ./vigie demo} into its data folder when no {@code VIGIE_GEOIP_DIR} is set; never
 * used otherwise, and never a stand-in for MaxMind's data: only documentation addresses are in
 * it.
 *
 * <p>Together with the CGNAT ranges of the operators' seed (V12: 198.51.100.0/25 and
 * 203.0.113.0/25, which need no GeoIP), the layout is:
 *
 * <table>
 *   <caption>Demo networks</caption>
 *   <tr><th>network</th><th>country</th><th>AS</th></tr>
 *   <tr><td>192.0.2.0/25</td><td>FR</td><td>3215 Orange</td></tr>
 *   <tr><td>192.0.2.32/28</td><td>BE</td><td>64500 (documentation AS): abroad</td></tr>
 *   <tr><td>192.0.2.48/29</td><td>FR</td><td>64501 (documentation AS): French, operator
 *       unknown</td></tr>
 *   <tr><td>192.0.2.128/25</td><td>FR</td><td>12322 Free</td></tr>
 *   <tr><td>198.51.100.128/25</td><td>FR</td><td>5410 Bouygues Telecom</td></tr>
 *   <tr><td>203.0.113.128/26</td><td>FR</td><td>15557 SFR</td></tr>
 *   <tr><td>203.0.113.192/26</td><td>FR</td><td>16276 OVHcloud</td></tr>
 *   <tr><td>2001:db8::/38</td><td>FR</td><td>3215 Orange</td></tr>
 *   <tr><td>2001:db8:400::/38</td><td>FR</td><td>12322 Free</td></tr>
 *   <tr><td>the rest of 2001:db8::/32</td><td>FR</td><td>64501: operator unknown</td></tr>
 * </table>
 *
 * <p>The abroad and unknown networks sit low in 192.0.2.0/24 so that even a small demo (the
 * synthetic people's addresses count up from .1) shows them.
 */
public final class DemoGeoIp {

  /** The file names, kept apart from any MaxMind file a user might add. */
  public static final String COUNTRY_FILE = "Vigie-Demo-Country.mmdb";
  public static final String ASN_FILE = "Vigie-Demo-ASN.mmdb";

  // A fixed build time, so that the files are the same bytes at every start.
  private static final Instant BUILT = Instant.parse("2026-01-01T00:00:00Z");

  private DemoGeoIp() {}

  /** Writes both files into {@code folder}, created if missing; the same bytes are left alone. */
  public static Path writeTo(Path folder) {
    try {
      Files.createDirectories(folder);
      write(folder.resolve(COUNTRY_FILE), country());
      write(folder.resolve(ASN_FILE), asn());
      return folder;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the demo GeoIP files in " + folder, e);
    }
  }

  static byte[] country() {
    // "Country" in the type is what MaxMind's reader asks of a country database.
    return new MaxMindDbWriter("Vigie-Demo-Country",
        "Vigie demo: documentation ranges only (RFC 5737, RFC 3849), synthetic countries")
        .insert("192.0.2.0/24", country("FR", 3017382L, "France"))
        .insert("192.0.2.32/28", country("BE", 2802361L, "Belgium"))
        .insert("198.51.100.0/24", country("FR", 3017382L, "France"))
        .insert("203.0.113.0/24", country("FR", 3017382L, "France"))
        .insert("2001:db8::/32", country("FR", 3017382L, "France"))
        .toBytes(BUILT);
  }

  static byte[] asn() {
    // MaxMind's reader opens an ASN database only under a type naming "GeoLite2-ASN".
    return new MaxMindDbWriter("Vigie-Demo-GeoLite2-ASN",
        "Vigie demo: documentation ranges only (RFC 5737, RFC 3849), synthetic operators")
        .insert("192.0.2.0/25", as(3215, "Orange"))
        .insert("192.0.2.32/28", as(64500, "Documentation AS (demo, abroad)"))
        .insert("192.0.2.48/29", as(64501, "Documentation AS (demo, unknown operator)"))
        .insert("192.0.2.128/25", as(12322, "Free SAS"))
        .insert("198.51.100.128/25", as(5410, "Bouygues Telecom"))
        .insert("203.0.113.128/26", as(15557, "SFR"))
        .insert("203.0.113.192/26", as(16276, "OVH SAS"))
        .insert("2001:db8::/32", as(64501, "Documentation AS (demo, unknown operator)"))
        .insert("2001:db8::/38", as(3215, "Orange"))
        .insert("2001:db8:400::/38", as(12322, "Free SAS"))
        .toBytes(BUILT);
  }

  private static Map<String, Object> country(String iso, long geonameId, String name) {
    return Map.of("country", Map.of("iso_code", iso, "geoname_id", geonameId,
        "names", Map.of("en", name)));
  }

  private static Map<String, Object> as(long number, String organisation) {
    return Map.of("autonomous_system_number", number,
        "autonomous_system_organization", organisation);
  }

  private static void write(Path file, byte[] bytes) throws IOException {
    if (Files.exists(file) && Arrays.equals(Files.readAllBytes(file), bytes)) {
      return;
    }
    Path part = file.resolveSibling(file.getFileName() + ".part");
    Files.write(part, bytes);
    Files.move(part, file, StandardCopyOption.REPLACE_EXISTING,
        StandardCopyOption.ATOMIC_MOVE);
  }
}
