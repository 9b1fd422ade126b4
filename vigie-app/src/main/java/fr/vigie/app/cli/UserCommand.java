package fr.vigie.app.cli;

import fr.vigie.app.audit.AuditAction;
import fr.vigie.app.security.NewUser;
import fr.vigie.app.security.Role;
import fr.vigie.app.security.UserAccounts;
import fr.vigie.app.security.UserSummary;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code vigie user …}: accounts administered from the server's shell, e.g. the first
 * administrator. Every change is on the audit record as {@code cli:<OS user>}. Works while a
 * server runs on the embedded database.
 */
@Command(name = "user", mixinStandardHelpOptions = true,
    description = "Administer accounts; each change is recorded in the audit log.",
    subcommands = {UserCommand.Add.class, UserCommand.ListUsers.class, UserCommand.Enable.class,
        UserCommand.Disable.class, UserCommand.ResetTotp.class, UserCommand.Token.class})
final class UserCommand implements Runnable {

  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(),
        "Missing subcommand: try 'vigie user --help'");
  }

  /** Reads a role whatever its case; an unknown one is a usage error that lists the roles. */
  static final class RoleConverter implements ITypeConverter<Role> {
    @Override
    public Role convert(String value) {
      try {
        return Role.valueOf(value.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException("unknown role '" + value + "'; the roles are "
            + Arrays.stream(Role.values()).map(Role::name).collect(Collectors.joining(", ")));
      }
    }
  }

  @Command(name = "add", mixinStandardHelpOptions = true,
      description = {"Create an account. A person enrols their second factor (TOTP) at first "
          + "sign-in.", "The password is asked twice on the terminal, or read as one line from "
          + "standard input with --password-stdin; at least 12 characters."})
  static final class Add implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "USERNAME",
        description = "2-64 characters a-z 0-9 . _ -, starting with a letter.")
    String username;

    @Option(names = "--role", required = true, paramLabel = "ROLE",
        converter = RoleConverter.class,
        description = "One of: ADMIN, ANALYST, SUPERVISOR, INVESTIGATOR, AUDITOR, SENSOR.")
    Role role;

    @Option(names = "--unit", paramLabel = "CODE",
        description = "The unit's code (e.g. OFMIN-LYON); required for an investigator.")
    String unit;

    @Option(names = "--name", paramLabel = "DISPLAY NAME",
        description = "The name shown in the interface (default: the username).")
    String name;

    @Option(names = "--password-stdin",
        description = "Read the password as one line from standard input (for scripts).")
    boolean passwordStdin;

    @Mixin
    HomeOption home;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      // Refusals that need no database come before the password prompt and the Spring start.
      if (role == Role.INVESTIGATOR && (unit == null || unit.isBlank())) {
        throw new Refused("an investigator belongs to a unit: give it with --unit CODE");
      }
      String password = passwordStdin ? NewPassword.fromStream(System.in)
          : NewPassword.fromConsole(System.console());
      NewUser user;
      try {
        user = new NewUser(username, name == null || name.isBlank() ? username : name.strip(),
            password, role, unit == null || unit.isBlank() ? null : unit.strip());
      } catch (IllegalArgumentException e) {
        throw new Refused(e.getMessage());
      }
      try (ConfigurableApplicationContext context =
               SpringLauncher.startWithoutWeb(home.resolve())) {
        AccountAdministration admin = AccountAdministration.in(context);
        Long unitId = user.unitCode() == null ? null : admin.unit(user.unitCode()).id();
        admin.change(AuditAction.CREATE, user.username(), unitId,
            "account created: role " + user.role()
                + (user.unitCode() == null ? "" : ", unit " + user.unitCode()),
            () -> admin.accounts().createIfAbsent(user),
            "user " + user.username() + " exists already: nothing was changed");
        PrintWriter out = spec.commandLine().getOut();
        out.println("created " + user.username() + " (" + user.role()
            + (user.unitCode() == null ? "" : ", " + user.unitCode()) + ")"
            + (user.role() == Role.SENSOR ? "; issue its API token with: vigie user token "
                + user.username() : "; the second factor is enrolled at first sign-in"));
        out.flush();
        return 0;
      }
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "List the accounts: role, unit, state, second factor, lock and last sign-in "
          + "(Paris time). Never a secret.")
  static final class ListUsers implements Callable<Integer> {

    @Mixin
    HomeOption home;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      try (ConfigurableApplicationContext context =
               SpringLauncher.startWithoutWeb(home.resolve())) {
        PrintWriter out = spec.commandLine().getOut();
        UserTable.lines(AccountAdministration.in(context).accounts().list(), Instant.now())
            .forEach(out::println);
        out.flush();
        return 0;
      }
    }
  }

  /** Enabling and disabling differ by one flag. */
  abstract static class SetEnabled implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "USERNAME")
    String username;

    @Mixin
    HomeOption home;

    @Spec
    CommandSpec spec;

    abstract boolean enabled();

    @Override
    public Integer call() throws Exception {
      try (ConfigurableApplicationContext context =
               SpringLauncher.startWithoutWeb(home.resolve())) {
        AccountAdministration admin = AccountAdministration.in(context);
        UserSummary account = admin.existing(username);
        String state = enabled() ? "enabled" : "disabled";
        admin.change(AuditAction.UPDATE, username, admin.unitIdOf(account), "account " + state,
            () -> admin.accounts().setEnabled(username, enabled()), "no such user: " + username);
        spec.commandLine().getOut().println(username + " " + state);
        spec.commandLine().getOut().flush();
        return 0;
      }
    }
  }

  @Command(name = "disable", mixinStandardHelpOptions = true,
      description = "Stop an account from signing in (and its API tokens from working).")
  static final class Disable extends SetEnabled {
    @Override
    boolean enabled() {
      return false;
    }
  }

  @Command(name = "enable", mixinStandardHelpOptions = true,
      description = "Let a disabled account sign in again.")
  static final class Enable extends SetEnabled {
    @Override
    boolean enabled() {
      return true;
    }
  }

  @Command(name = "reset-totp", mixinStandardHelpOptions = true,
      description = "Forget an account's second factor and recovery codes (lost phone): the "
          + "person enrols again at their next sign-in.")
  static final class ResetTotp implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "USERNAME")
    String username;

    @Mixin
    HomeOption home;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      try (ConfigurableApplicationContext context =
               SpringLauncher.startWithoutWeb(home.resolve())) {
        AccountAdministration admin = AccountAdministration.in(context);
        UserSummary account = admin.existing(username);
        admin.change(AuditAction.UPDATE, username, admin.unitIdOf(account),
            "second factor reset: enrols again at next sign-in",
            () -> admin.accounts().resetTotp(username), "no such user: " + username);
        spec.commandLine().getOut().println(username
            + ": second factor reset; enrols again at next sign-in");
        spec.commandLine().getOut().flush();
        return 0;
      }
    }
  }

  @Command(name = "token", mixinStandardHelpOptions = true,
      description = {"Issue an API token for a SENSOR (machine) account, or an account whose "
          + "role may import reports (POST /api/intake/reports), and print it once.",
          "Only its SHA-256 is kept: store it now. The token goes to standard output alone, "
              + "the explanation to standard error."})
  static final class Token implements Callable<Integer> {

    static final int LONGEST_VALIDITY_DAYS = 3650;

    @Parameters(index = "0", paramLabel = "USERNAME")
    String username;

    @Option(names = "--label", paramLabel = "LABEL", defaultValue = "cli",
        description = "What the token is for, e.g. the sensor's host (default: ${DEFAULT-VALUE}).")
    String label;

    @Option(names = "--days", paramLabel = "N", defaultValue = "365",
        description = "Days before it expires, 1 to " + LONGEST_VALIDITY_DAYS
            + " (default: ${DEFAULT-VALUE}).")
    int days;

    @Mixin
    HomeOption home;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      if (days < 1 || days > LONGEST_VALIDITY_DAYS) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--days must be between 1 and "
            + LONGEST_VALIDITY_DAYS + ": " + days);
      }
      if (label.isBlank() || label.length() > 100) {
        throw new CommandLine.ParameterException(spec.commandLine(),
            "--label must have 1 to 100 characters: '" + label + "'");
      }
      try (ConfigurableApplicationContext context =
               SpringLauncher.startWithoutWeb(home.resolve())) {
        AccountAdministration admin = AccountAdministration.in(context);
        UserSummary account = admin.existing(username);
        if (!UserAccounts.mayHoldToken(account.role())) {
          throw new Refused(UserAccounts.TOKEN_ROLES + username + " is " + account.role());
        }
        Duration validity = Duration.ofDays(days);
        Instant expires = Instant.now().plus(validity);
        AtomicReference<String> issued = new AtomicReference<>();
        admin.change(AuditAction.ADMIN, username, admin.unitIdOf(account),
            "API token issued: label " + label + ", valid " + days + " days",
            () -> {
              issued.set(admin.accounts().issueToken(username, label, validity));
              return true;
            }, "no such user: " + username);
        PrintWriter err = spec.commandLine().getErr();
        err.println("API token for " + username + " (label " + label + "), valid until about "
            + DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT)
                .withZone(UserTable.PARIS).format(expires)
            + " Paris time. It is shown once: store it now.");
        err.flush();
        spec.commandLine().getOut().println(issued.get());
        spec.commandLine().getOut().flush();
        return 0;
      }
    }
  }
}
