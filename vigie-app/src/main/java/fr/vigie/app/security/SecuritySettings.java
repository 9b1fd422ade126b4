package fr.vigie.app.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Sign-in settings ({@code vigie.security.*}).
 *
 * @param accountFailuresBeforeLock consecutive failures (password or code) on one username —
 *     an account's or a name no account has, counted alike — before it is locked; each failure
 *     past it doubles the lock
 * @param accountFailureMemory a failure this long after the previous one on the same username
 *     starts a new run: an old typo is not held against anyone
 * @param addressFailuresBeforeLock failures from one client address, whatever the usernames,
 *     before that address is locked out
 * @param addressFailureWindow how long an address takes to forget that many failures: its count
 *     falls steadily (by default one failure every 3 minutes), and a signed-in person clears it
 * @param longestAddressLock the cap of an address lock, which shuts out everyone behind that
 *     address (a whole office behind NAT): never longer than this after the last failure
 * @param firstLock the first lock's length
 * @param longestLock the cap of the doubling for a username
 * @param issuer the name authenticator apps show next to the account
 */
@ConfigurationProperties("vigie.security")
public record SecuritySettings(
    @DefaultValue("5") int accountFailuresBeforeLock,
    @DefaultValue("24h") Duration accountFailureMemory,
    @DefaultValue("20") int addressFailuresBeforeLock,
    @DefaultValue("1h") Duration addressFailureWindow,
    @DefaultValue("15m") Duration longestAddressLock,
    @DefaultValue("1m") Duration firstLock,
    @DefaultValue("1h") Duration longestLock,
    @DefaultValue("Vigie") String issuer) {

  public SecuritySettings {
    if (accountFailuresBeforeLock < 1 || addressFailuresBeforeLock < 1) {
      throw new IllegalArgumentException("vigie.security: failures before a lock must be at "
          + "least 1: " + accountFailuresBeforeLock + ", " + addressFailuresBeforeLock);
    }
    for (Duration d : new Duration[] {accountFailureMemory, addressFailureWindow,
        longestAddressLock, firstLock, longestLock}) {
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("vigie.security: durations must be positive: " + d);
      }
    }
  }

  /** Returns how long to lock a username after {@code failures} in a row, or zero. */
  public Duration accountLockFor(int failures) {
    return lockFor(failures, accountFailuresBeforeLock, longestLock);
  }

  /** Returns how long to lock an address whose (decaying) count is {@code failures}, or zero. */
  public Duration addressLockFor(double failures) {
    return lockFor((int) Math.min(Integer.MAX_VALUE, Math.floor(failures)),
        addressFailuresBeforeLock, longestAddressLock);
  }

  /** Returns how many failures an address forgets per second. */
  public double addressFailuresForgottenPerSecond() {
    return addressFailuresBeforeLock / (addressFailureWindow.toMillis() / 1000.0);
  }

  private Duration lockFor(int failures, int threshold, Duration longest) {
    if (failures < threshold) {
      return Duration.ZERO;
    }
    int doublings = Math.min(failures - threshold, 20);
    Duration lock = firstLock.multipliedBy(1L << doublings);
    return lock.compareTo(longest) > 0 ? longest : lock;
  }
}
