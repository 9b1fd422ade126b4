package fr.vigie.app.audit;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * A UTC clock that tells the real time until a test sets it, so that audit entries can be placed
 * at chosen instants (the autumn hour that Paris lives twice). Thread-safe.
 */
public final class SettableClock extends Clock {

  private volatile Instant fixed;

  /** Makes the clock tell {@code instant} until {@link #reset()}. */
  public void set(Instant instant) {
    fixed = instant;
  }

  public void reset() {
    fixed = null;
  }

  @Override
  public Instant instant() {
    Instant now = fixed;
    return now == null ? Instant.now() : now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("Vigie reads time in UTC only");
  }

  /** Replaces the application's clock in the tests that import it. */
  @TestConfiguration
  public static class Config {
    @Bean
    @Primary
    SettableClock settableClock() {
      return new SettableClock();
    }
  }
}
