package fr.vigie.app.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The demo's settings ({@code vigie.demo.*}).
 *
 * @param enabled whether to seed the demo data at start-up ({@code ./vigie demo} sets it)
 * @param reports how many synthetic reports to generate
 * @param seed the generator's seed: same seed, same data
 * @param images how many demo media items get a generated picture as content (docs/media.md)
 */
@ConfigurationProperties("vigie.demo")
public record DemoSettings(
    @DefaultValue("false") boolean enabled,
    @DefaultValue("3000") int reports,
    @DefaultValue("20260101") long seed,
    @DefaultValue("40") int images) {}
