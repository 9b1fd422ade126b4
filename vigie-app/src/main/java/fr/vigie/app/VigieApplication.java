package fr.vigie.app;

import java.time.Clock;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/**
 * The Spring application. It is started by the {@code serve} and {@code demo} commands (and by
 * commands that need the database); {@link fr.vigie.app.cli.VigieCommand} is the entry point.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class VigieApplication {

  /** The one clock every feature reads time from (UTC), replaceable in tests. */
  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }
}
