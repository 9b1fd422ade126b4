package fr.vigie.app.triage.internal;

import fr.vigie.app.triage.Weights;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.Resource;

/**
 * Loads the triage weights once, at start: {@code vigie.triage.weights} names the file
 * ({@code classpath:} or {@code file:} prefix, or a plain path); a bad file stops the start.
 */
@Configuration(proxyBeanMethods = false)
class WeightsConfig {

  static final String DEFAULT = "classpath:triage/weights-2026.1.properties";
  private static final Logger log = LoggerFactory.getLogger(WeightsConfig.class);

  @Bean
  Weights triageWeights(@Value("${vigie.triage.weights:" + DEFAULT + "}") String location) {
    String where = location.startsWith("classpath:") || location.startsWith("file:") ? location
        : "file:" + location;
    Resource resource = new DefaultResourceLoader().getResource(where);
    if (!resource.exists()) {
      throw new IllegalStateException("triage weights not found: " + location
          + " (vigie.triage.weights)");
    }
    Properties p = new Properties();
    try (InputStream in = resource.getInputStream()) {
      p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read triage weights " + location, e);
    }
    Weights weights = Weights.parse(p, location);
    log.info("Triage weights {} loaded from {}.", weights.version(), location);
    return weights;
  }
}
