package fr.vigie.app.cli;

import fr.vigie.app.audit.AuditCheckpoints;
import fr.vigie.app.audit.AuditLog;
import fr.vigie.app.audit.AuditVerification;
import fr.vigie.app.audit.ChainVerification;
import fr.vigie.app.audit.Checkpoint;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vigie audit …}: the audit log from the command line. */
@Command(name = "audit", mixinStandardHelpOptions = true,
    description = "Work with the audit log (see docs/audit.md).",
    subcommands = {AuditCommand.Verify.class, AuditCommand.PublicKey.class,
        AuditCommand.TakeCheckpoint.class})
final class AuditCommand implements Runnable {

  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(),
        "Missing subcommand: try 'vigie audit --help'");
  }

  /**
   * Walks the whole hash chain against the signed checkpoints. Exit code 0 when it is intact
   * and every checkpoint line is sound, 1 at the first broken link, a checkpoint the chain does
   * not hold (a missing tail is named by its first missing entry) or a damaged checkpoint line,
   * so that a scheduled job can alert on it. Works while a server runs on the embedded database.
   */
  @Command(name = "verify", mixinStandardHelpOptions = true,
      description = {"Check that no audit entry was changed, removed or reordered, and that "
          + "every signed checkpoint (VIGIE_AUDIT_CHECKPOINTS, default "
          + "$VIGIE_HOME/audit-checkpoints) names an entry of the chain with its hash.",
          "Prints 'intact: N entries' (exit 0) or the first broken entry (exit 1), then the last "
              + "checkpoint it checked."})
  static final class Verify implements Callable<Integer> {

    @Option(names = "--public-key", paramLabel = "PEM",
        description = "Trust checkpoints signed by this public key (as 'vigie audit public-key' "
            + "prints it; repeatable). Default: the key of the data folder.")
    List<Path> publicKeys = new ArrayList<>();

    @Mixin
    HomeOption home;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      List<byte[]> keys = new ArrayList<>();
      for (Path pem : publicKeys) {
        try {
          keys.add(AuditCheckpoints.readPublicKey(pem));
        } catch (IOException e) {
          throw new CommandLine.ParameterException(spec.commandLine(),
              "--public-key " + pem + ": " + e.getMessage());
        }
      }
      try (ConfigurableApplicationContext context =
               SpringLauncher.startWithoutWeb(home.resolve())) {
        AuditLog audit = context.getBean(AuditLog.class);
        AuditVerification result = audit.verify(keys.isEmpty()
            ? audit.checkpoints().localPublicKeys() : keys);
        PrintWriter out = spec.commandLine().getOut();
        out.println(describe(result.chain()));
        out.println(describeCheckpoints(result));
        result.checkpoints().problems().forEach(p -> out.println("checkpoint problem: " + p));
        result.checkpoints().warnings().forEach(w -> out.println("checkpoint warning: " + w));
        out.flush();
        return result.passed() ? 0 : 1;
      }
    }

    static String describe(ChainVerification result) {
      return switch (result) {
        case ChainVerification.Intact intact -> "intact: " + intact.entries() + " entries";
        case ChainVerification.Broken broken -> "broken at entry " + broken.entryId() + ": "
            + broken.reason() + " (" + broken.verifiedBefore() + " entries verified before it)";
      };
    }

    static String describeCheckpoints(AuditVerification result) {
      var report = result.checkpoints();
      if (result.lastChecked() != null) {
        return "last checkpoint checked: " + result.lastChecked().describe() + "; "
            + result.checked() + " of " + report.checkpoints().size() + " checked in "
            + report.folder();
      }
      if (!report.checkpoints().isEmpty()) {
        return "no checkpoint checked: the chain breaks before the first of the "
            + report.checkpoints().size() + " in " + report.folder();
      }
      return "no checkpoint in " + report.folder() + ": the newest entries cannot be checked";
    }
  }

  /**
   * Prints the public key of the checkpoint signing key, creating the key if there is none, so
   * that it can be kept apart (and given back to {@code verify --public-key}).
   */
  @Command(name = "public-key", mixinStandardHelpOptions = true,
      description = {"Print the public key (PEM) that checks the audit checkpoints' signatures, "
          + "creating the signing key $VIGIE_HOME/keys/audit-signing.key (0600) if there is none.",
          "Keep it apart from this machine: 'vigie audit verify --public-key FILE' trusts only it."})
  static final class PublicKey implements Callable<Integer> {

    @Mixin
    HomeOption home;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      String pem = AuditCheckpoints.publicKeyPem(home.resolve());
      PrintWriter out = spec.commandLine().getOut();
      out.print(pem);
      out.flush();
      return 0;
    }
  }

  /**
   * Signs a checkpoint of the head now (for cron at quiet times, or before a backup). Exit 0,
   * or 1 when the log is empty.
   */
  @Command(name = "checkpoint", mixinStandardHelpOptions = true,
      description = "Sign a checkpoint of the audit log's newest entry now, into the checkpoint "
          + "folder (VIGIE_AUDIT_CHECKPOINTS, default $VIGIE_HOME/audit-checkpoints).")
  static final class TakeCheckpoint implements Callable<Integer> {

    @Mixin
    HomeOption home;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      try (ConfigurableApplicationContext context =
               SpringLauncher.startWithoutWeb(home.resolve())) {
        AuditLog audit = context.getBean(AuditLog.class);
        Checkpoint checkpoint;
        try {
          checkpoint = audit.checkpointHead();
        } catch (IllegalStateException empty) {
          spec.commandLine().getErr().println(empty.getMessage());
          spec.commandLine().getErr().flush();
          return 1;
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("checkpoint of entry " + checkpoint.position() + " (" + checkpoint.sha256()
            + ") signed with " + checkpoint.keyId() + " into " + audit.checkpoints().file());
        out.flush();
        return 0;
      }
    }
  }
}
