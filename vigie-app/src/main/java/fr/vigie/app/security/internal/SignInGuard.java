package fr.vigie.app.security.internal;

import fr.vigie.app.security.Caller;
import fr.vigie.app.security.Role;
import fr.vigie.app.security.SecuritySettings;
import fr.vigie.app.security.Totp;
import fr.vigie.app.security.SignInEvent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The rules of signing in: the password, then a TOTP code (or a one-time recovery code), with
 * back-off per username and per client address, each attempt published as a {@link SignInEvent}.
 *
 * <p>A username's failures in a row lock it (doubling, up to {@code longestLock}); a failure long
 * after the previous one starts a new run. An address's failures, whatever the names, lock it for
 * at most {@code longestAddressLock}; its count falls steadily with time and a person signing in
 * from it clears it. Names no account has are counted and locked the same way, so that the
 * answers never tell which accounts exist.
 *
 * <p>The checks run outside any transaction: every counter moves in one atomic statement (so
 * that parallel attempts are each counted), no connection is held during the Argon2 check, and
 * the audit record each attempt writes (in a transaction of its own) never waits for a second
 * connection while a first one is held — a burst of attempts cannot drain the pool. Enrolment,
 * which writes several rows together, is the one transaction.
 */
@Service
class SignInGuard {

  private static final Logger log = LoggerFactory.getLogger(SignInGuard.class);

  /** A real Argon2id hash of nothing anyone types, checked for unknown usernames so that the
   *  time taken does not reveal whether an account exists. */
  private final String dummyHash;

  private final JdbcUsers users;
  private final SealedSecrets secrets;
  private final PasswordEncoder passwords;
  private final SecuritySettings settings;
  private final ApplicationEventPublisher events;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  SignInGuard(JdbcUsers users, SealedSecrets secrets, PasswordEncoder passwords,
      SecuritySettings settings, ApplicationEventPublisher events, Clock clock) {
    this.users = users;
    this.secrets = secrets;
    this.passwords = passwords;
    this.settings = settings;
    this.events = events;
    this.clock = clock;
    this.dummyHash = passwords.encode("vigie-no-such-account-" + random.nextLong());
  }

  /**
   * Checks the password step; returns the account, whose second factor is still to come.
   *
   * <p>Whether the name is an account's or not, the answer and the work are the same: exactly
   * one Argon2id check (against a dummy hash for a name no account has), the same count of
   * failures in a row and the same locks ({@code sign_in_unknown_names} keeps them for unknown
   * names), "locked" only once that run of failures has locked the name.
   */
  public Account checkPassword(String username, String password, String address) {
    Instant now = clock.instant();
    refuseIfAddressLocked(username, address, now, "PASSWORD");
    String name = username == null ? "" : username.trim().toLowerCase(Locale.ROOT);
    String key = nameKey(name);
    JdbcUsers.NameOnRecord onRecord = users.findName(name, key);
    Optional<Account> found = onRecord.account();
    boolean matches = passwords.matches(password == null ? "" : password,
        found.map(Account::passwordHash).orElse(dummyHash));
    if (found.isEmpty()) {
      throw refuseUnknownName(username, key, onRecord.unknown(), address, now);
    }
    Account account = found.get();
    if (account.lockedAt(now)) {
      failAddress(address, now);
      publish(account, address, "PASSWORD", "LOCKED", "account locked until " + account.lockedUntil());
      throw new LockedException("account locked");
    }
    if (!matches || !account.enabled() || account.role() == Role.SENSOR) {
      String why = !matches ? "wrong password"
          : !account.enabled() ? "account disabled" : "machine accounts cannot sign in";
      failAccount(account, address, now, "PASSWORD", why);
      throw new BadCredentialsException("bad credentials");
    }
    publish(account, address, "PASSWORD", "SUCCESS", null);
    return account;
  }

  /** Counts a failure on a name no account has exactly as on an account; returns the refusal. */
  private AuthenticationException refuseUnknownName(String typed, String key,
      JdbcUsers.UnknownName unknown, String address, Instant now) {
    if (unknown.lockedAt(now)) {
      failAddress(address, now);
      publish(typed, null, address, "PASSWORD", "LOCKED",
          "unknown account; name locked until " + unknown.lockedUntil());
      return new LockedException("account locked");
    }
    int failures = users.recordUnknownNameFailure(key, now,
        now.minus(settings.accountFailureMemory()));
    Duration lock = settings.accountLockFor(failures);
    if (!lock.isZero()) {
      users.lockUnknownName(key, now.plus(lock));
    }
    failAddress(address, now);
    publish(typed, null, address, "PASSWORD", lock.isZero() ? "FAILURE" : "LOCKED",
        lock.isZero() ? "unknown account" : "unknown account; name locked for " + lock);
    return new BadCredentialsException("bad credentials");
  }

  /** The key of a username in {@code sign_in_unknown_names}: its SHA-256, never the name. */
  static String nameKey(String normalisedName) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(("vigie-sign-in-name:" + normalisedName).getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK provides SHA-256", e);
    }
  }

  /** Checks a TOTP code for an enrolled account; returns the caller on success. */
  public Caller checkCode(long userId, String code, String address) {
    Instant now = clock.instant();
    Account account = usable(userId, address, now, "TOTP");
    if (!account.enrolled()) {
      throw new BadCredentialsException("no second factor enrolled");
    }
    String secret;
    try {
      secret = secrets.open(account.id(), account.sealedTotpSecret());
    } catch (SealedSecrets.Unreadable e) {
      // Not the person's failure: nothing is counted, the administrators are told.
      log.error("{} cannot sign in: {}", account.username(), e.getMessage());
      publish(account, address, "TOTP", "FAILURE", "second factor unreadable: " + e.getMessage());
      throw new SecondFactorUnavailable(e.getMessage());
    }
    OptionalLong step = Totp.verify(secret, code, now);
    if (step.isEmpty() || !users.acceptTotpStep(userId, step.getAsLong())) {
      failAccount(account, address, now, "TOTP",
          step.isEmpty() ? "wrong code" : "code already used");
      throw new BadCredentialsException("bad code");
    }
    return succeed(account, address, now, "TOTP");
  }

  /** Checks a one-time recovery code; it cannot be used again. */
  public Caller checkRecoveryCode(long userId, String code, String address) {
    Instant now = clock.instant();
    Account account = usable(userId, address, now, "RECOVERY_CODE");
    if (code == null || !users.useRecoveryCode(userId, recoveryHash(code), now)) {
      failAccount(account, address, now, "RECOVERY_CODE", "wrong or used recovery code");
      throw new BadCredentialsException("bad recovery code");
    }
    return succeed(account, address, now, "RECOVERY_CODE");
  }

  /**
   * Completes enrolment: the code must match the new secret. Returns the caller and the
   * recovery codes to show once.
   */
  @Transactional(noRollbackFor = AuthenticationException.class)
  public Enrolled enrol(long userId, String secret, String code, String address) {
    Instant now = clock.instant();
    Account account = usable(userId, address, now, "ENROLMENT");
    if (account.enrolled()) {
      throw new BadCredentialsException("already enrolled");
    }
    OptionalLong step = Totp.verify(secret, code, now);
    if (step.isEmpty()) {
      failAccount(account, address, now, "ENROLMENT", "wrong code");
      throw new BadCredentialsException("bad code");
    }
    users.enrolTotp(userId, secrets.seal(userId, secret), step.getAsLong(), now);
    List<String> codes = new ArrayList<>();
    List<String> hashes = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      String recovery = newRecoveryCode();
      codes.add(recovery);
      hashes.add(recoveryHash(recovery));
    }
    users.replaceRecoveryCodes(userId, hashes);
    return new Enrolled(succeed(account, address, now, "ENROLMENT"), codes);
  }

  /** The outcome of an enrolment: the signed-in caller and the codes to show once. */
  record Enrolled(Caller caller, List<String> recoveryCodes) {}

  /**
   * The account's TOTP secret cannot be opened on this server (another secrets key, or an
   * altered row): it needs an administrator, not another code.
   */
  static final class SecondFactorUnavailable extends AuthenticationException {
    SecondFactorUnavailable(String message) {
      super(message);
    }
  }

  /**
   * Accepts a person the identity provider signed in, if Vigie has an enabled, unlocked human
   * account of that username; the provider is trusted for the password and second factor.
   */
  public Caller checkOidc(String username, String address) {
    Instant now = clock.instant();
    var found = username == null ? java.util.Optional.<Account>empty()
        : users.findAccount(username.trim().toLowerCase(Locale.ROOT));
    if (found.isEmpty() || !found.get().enabled() || found.get().role() == Role.SENSOR
        || found.get().lockedAt(now)) {
      publish(username, null, address, "OIDC", "FAILURE", "no usable Vigie account");
      throw new BadCredentialsException("no usable account");
    }
    return succeed(found.get(), address, now, "OIDC");
  }

  boolean enrolled(long userId) {
    return users.findAccount(userId).map(Account::enrolled).orElse(false);
  }

  private Account usable(long userId, String address, Instant now, String step) {
    refuseIfAddressLocked(null, address, now, step);
    Account account = users.findAccount(userId)
        .orElseThrow(() -> new BadCredentialsException("account gone"));
    if (!account.enabled()) {
      throw new BadCredentialsException("account disabled");
    }
    if (account.lockedAt(now)) {
      publish(account, address, step, "LOCKED", "account locked until " + account.lockedUntil());
      throw new LockedException("account locked");
    }
    return account;
  }

  /** A person signed in: their account's run of failures ends, and so does their address's. */
  private Caller succeed(Account account, String address, Instant now, String step) {
    users.recordSignIn(account.id(), now);
    users.clearAddress(address);
    publish(account, address, step, "SUCCESS", null);
    return account.caller();
  }

  private void refuseIfAddressLocked(String username, String address, Instant now, String step) {
    var until = users.addressLockedUntil(address);
    if (until.isPresent() && until.get().isAfter(now)) {
      publish(username, null, address, step, "LOCKED", "address locked until " + until.get());
      throw new LockedException("address locked");
    }
  }

  private void failAccount(Account account, String address, Instant now, String step,
      String why) {
    int failures = users.recordFailure(account.id(), now,
        now.minus(settings.accountFailureMemory()));
    Duration lock = settings.accountLockFor(failures);
    if (!lock.isZero()) {
      users.lockAccount(account.id(), now.plus(lock));
    }
    failAddress(address, now);
    publish(account, address, step, lock.isZero() ? "FAILURE" : "LOCKED",
        lock.isZero() ? why : why + "; account locked for " + lock);
  }

  private void failAddress(String address, Instant now) {
    double failures = users.addressFailure(address, now,
        settings.addressFailuresForgottenPerSecond());
    Duration lock = settings.addressLockFor(failures);
    if (!lock.isZero()) {
      users.lockAddress(address, now.plus(lock));
    }
  }

  private void publish(Account account, String address, String step, String outcome,
      String detail) {
    events.publishEvent(new SignInEvent(account.username(), account.role(), account.unitId(),
        address, step, outcome, detail));
  }

  private void publish(String username, Role role, String address, String step, String outcome,
      String detail) {
    events.publishEvent(new SignInEvent(username == null ? "" : username, role, null, address,
        step, outcome, detail));
  }

  /** Ten groups of characters nobody confuses (no 0/O, 1/I/L): about 60 bits. */
  private String newRecoveryCode() {
    String alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    StringBuilder code = new StringBuilder();
    for (int i = 0; i < 12; i++) {
      if (i == 4 || i == 8) {
        code.append('-');
      }
      code.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return code.toString();
  }

  /** Recovery codes are random and long: a plain SHA-256 is enough to keep them unreadable. */
  static String recoveryHash(String code) {
    String normalised = code.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(normalised.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
