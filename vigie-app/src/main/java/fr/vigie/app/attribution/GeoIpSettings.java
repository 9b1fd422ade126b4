package fr.vigie.app.attribution;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the MaxMind databases are ({@code vigie.geoip.dir}, {@code VIGIE_GEOIP_DIR}); the user
 * keeps them up to date. Unset: attribution says "no GeoIP database", never fails.
 */
@ConfigurationProperties("vigie.geoip")
public record GeoIpSettings(Path dir) {}
