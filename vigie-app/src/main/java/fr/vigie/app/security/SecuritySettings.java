package fr.vigie.app.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Sign-in settings ({@code vigie.security.*}).
 *
 * @param accountFailuresBeforeLock consecutive failures (password or code) before an account is
 *     locked; each failure past it doubles the lock
 * @param addressFailuresBeforeLock failures from one client address, whatever the usernames,
 *     before that address is locked out the same way
 * @param firstLock the first lock's length
 * @param longestLock the cap of the doubling
 * @param issuer the name authenticator apps show next to the account
 */
@ConfigurationProperties("vigie.security")
public record SecuritySettings(
    @DefaultValue("5") int accountFailuresBeforeLock,
    @DefaultValue("20") int addressFailuresBeforeLock,
    @DefaultValue("1m") Duration firstLock,
    @DefaultValue("1h") Duration longestLock,
    @DefaultValue("Vigie") String issuer) {

  /** Returns how long to lock after {@code failures} failures against a threshold, or zero. */
  public Duration lockFor(int failures, int threshold) {
    if (failures < threshold) {
      return Duration.ZERO;
    }
    int doublings = Math.min(failures - threshold, 20);
    Duration lock = firstLock.multipliedBy(1L << doublings);
    return lock.compareTo(longestLock) > 0 ? longestLock : lock;
  }
}
