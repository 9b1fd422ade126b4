package fr.vigie.app.attribution;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Attribution's settings ({@code vigie.attribution.*}).
 *
 * @param retention how long operators must keep who-had-which-address (one year for IP addresses
 *     under current French law); an older event is "expired". An operator that keeps less is
 *     taken at its word (its own retention in the directory).
 */
@ConfigurationProperties("vigie.attribution")
public record AttributionSettings(@DefaultValue("365d") Duration retention) {}
