package fr.vigie.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.vigie.app.audit.AuditAction;
import fr.vigie.app.audit.AuditCheckpoints;
import fr.vigie.app.audit.AuditEvent;
import fr.vigie.app.audit.AuditLog;
import fr.vigie.app.audit.internal.AuditChain;
import fr.vigie.app.support.TestDatabases;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import picocli.CommandLine;

/**
 * {@code vigie audit verify} as an operator runs it: the real command line, its own Spring start
 * on the embedded database of a home folder, while this test's application holds the same
 * database open and tampers with it in SQL.
 */
// A checkpoint every 2 entries: five entries have three, at entries 1, 3 and 5.
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK,
    properties = "vigie.audit.checkpoint-every=2")
class AuditVerifyCommandIT {

  static Path home;

  @Autowired
  AuditLog audit;

  @Autowired
  JdbcClient jdbc;

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    home = TestDatabases.useEmbeddedHome(registry);
  }

  /**
   * Tampers as the table's owner (here the embedded server's superuser) would: the application
   * itself is refused by the append-only triggers, which the owner may set aside.
   */
  private void asTableOwner(String sql) {
    jdbc.sql("alter table audit_log disable trigger user").update();
    try {
      jdbc.sql(sql).update();
    } finally {
      jdbc.sql("alter table audit_log enable trigger user").update();
    }
  }

  private static CliRun.Result verify(String... options) {
    String[] args = new String[options.length + 2];
    args[0] = "audit";
    args[1] = "verify";
    System.arraycopy(options, 0, args, 2, options.length);
    return CliRun.vigie(home, args);
  }

  @Autowired
  AuditCheckpoints checkpoints;

  @BeforeEach
  void fiveEntriesOnAFreshLog() throws Exception {
    asTableOwner("delete from audit_log");
    jdbc.sql("""
        update audit_head set last_id = 0, last_sha256 = ?, checkpoint_id = 0,
          checkpoint_at = null where id = 1
        """).param(AuditChain.GENESIS).update();
    // The checkpoints of the log just wiped name entries that are gone: a reset for tests only.
    if (Files.isDirectory(checkpoints.folder())) {
      try (var files = Files.list(checkpoints.folder())) {
        for (Path f : files.toList()) {
          Files.delete(f);
        }
      }
    }
    for (int i = 1; i <= 5; i++) {
      audit.record(AuditEvent.of("analyste", "ANALYST", AuditAction.READ, "report", i, null,
          "192.0.2.10"));
    }
  }

  /** What a run printed, line by line. */
  private static List<String> lines(CliRun.Result result) {
    return result.out().lines().toList();
  }

  private void assertChecked(CliRun.Result result, long position, int checked, int of) {
    String line = lines(result).get(1);
    assertTrue(line.startsWith("last checkpoint checked: entry " + position + " of "), line);
    assertTrue(line.endsWith("; " + checked + " of " + of + " checked in "
        + checkpoints.folder()), line);
  }

  @Test
  void saysIntactAndWhichCheckpointItCheckedLastAndExitsZeroOnAnUntouchedLog() {
    CliRun.Result result = verify();
    assertEquals(0, result.exitCode(), result.toString());
    assertEquals("", result.err());
    assertEquals(2, lines(result).size(), result.out());
    assertEquals("intact: 5 entries", lines(result).get(0));
    assertChecked(result, 5, 3, 3);
    assertTrue(lines(result).get(1).contains(checkpoints.file().getFileName() + ", line 3)"),
        result.out());
  }

  @Test
  void reportsAnEditedActorAtItsEntry() {
    asTableOwner("update audit_log set actor = 'quelquun' where id = 2");
    CliRun.Result result = verify();
    assertEquals(1, result.exitCode());
    assertEquals("broken at entry 2: content does not match its hash (edited) "
        + "(1 entries verified before it)", lines(result).get(0));
    assertChecked(result, 1, 1, 3);
  }

  @Test
  void reportsAMiddleEntryDeleted() {
    asTableOwner("delete from audit_log where id = 3");
    CliRun.Result result = verify();
    assertEquals(1, result.exitCode());
    assertEquals("broken at entry 3: entry 3 is missing (next found: 4) "
        + "(2 entries verified before it)", lines(result).get(0));
  }

  @Test
  void reportsTheLastEntryDeleted() {
    asTableOwner("delete from audit_log where id = 5");
    CliRun.Result result = verify();
    assertEquals(1, result.exitCode());
    assertEquals("broken at entry 5: the head names entry 5 but the log ends at entry 4"
        + " (entries removed from the end, or head altered) (4 entries verified before it)",
        lines(result).get(0));
    assertChecked(result, 3, 2, 3);
  }

  @Test
  void reportsTheNewestEntriesRemovedWithTheHeadMovedBackAtTheFirstMissingOne() {
    String third = jdbc.sql("select entry_sha256 from audit_log where id = 3")
        .query(String.class).single();
    asTableOwner("delete from audit_log where id > 3");
    jdbc.sql("update audit_head set last_id = 3, last_sha256 = ? where id = 1").param(third)
        .update();
    CliRun.Result result = verify();
    assertEquals(1, result.exitCode(), result.toString());
    assertTrue(result.out().startsWith("broken at entry 4: entries 4 to 5 are missing: the "
        + "checkpoint "), result.out());
    assertTrue(result.out().contains("last checkpoint checked: entry 3 "), result.out());
  }

  @Test
  void reportsAnAlteredPreviousHash() {
    asTableOwner("update audit_log set prev_sha256 = '" + "0".repeat(64) + "' where id = 4");
    CliRun.Result result = verify();
    assertEquals(1, result.exitCode());
    assertEquals("broken at entry 4: previous-hash link does not match entry 3 "
        + "(3 entries verified before it)", lines(result).get(0));
  }

  @Test
  void printsThePublicKeyThatAloneIsTrustedWhenGiven(@TempDir Path temp) throws Exception {
    CliRun.Result printed = CliRun.vigie(home, "audit", "public-key");
    assertEquals(0, printed.exitCode(), printed.toString());
    assertTrue(printed.out().startsWith("-----BEGIN PUBLIC KEY-----")
        && printed.out().endsWith("-----END PUBLIC KEY-----"), printed.out());
    assertEquals(checkpoints.publicKeyPem().strip(), printed.out());
    Path kept = Files.writeString(temp.resolve("audit-signing.pub"), printed.out() + "\n");
    CliRun.Result withIt = verify("--public-key", kept.toString());
    assertEquals(0, withIt.exitCode(), withIt.toString());
    assertChecked(withIt, 5, 3, 3);

    // Another key: none of the lines is trusted, and each one says so.
    var other = java.security.KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    Path otherPem = Files.writeString(temp.resolve("other.pub"), "-----BEGIN PUBLIC KEY-----\n"
        + java.util.Base64.getMimeEncoder().encodeToString(other.getPublic().getEncoded())
        + "\n-----END PUBLIC KEY-----\n");
    CliRun.Result withAnother = verify("--public-key", otherPem.toString());
    assertEquals(1, withAnother.exitCode(), withAnother.toString());
    assertEquals("intact: 5 entries", lines(withAnother).get(0));
    assertEquals(3, lines(withAnother).stream().filter(l -> l.startsWith("checkpoint problem: ")
        && l.contains(", which is not a key given")).count(), withAnother.out());

    CliRun.Result notAKey = verify("--public-key", temp.resolve("nowhere.pub").toString());
    assertEquals(2, notAKey.exitCode(), notAKey.toString());
    assertTrue(notAKey.err().contains("--public-key " + temp.resolve("nowhere.pub")),
        notAKey.err());
  }

  @Test
  void takesACheckpointOfTheHeadOnRequest() {
    CliRun.Result taken = CliRun.vigie(home, "audit", "checkpoint");
    assertEquals(0, taken.exitCode(), taken.toString());
    assertTrue(taken.out().startsWith("checkpoint of entry 5 ("), taken.out());
    CliRun.Result result = verify();
    assertEquals(0, result.exitCode(), result.toString());
    assertChecked(result, 5, 4, 4);
  }

  @Test
  void isListedWithItsHelp() {
    StringWriter out = new StringWriter();
    CommandLine cli = VigieCommand.commandLine();
    cli.setOut(new PrintWriter(out, true));
    assertEquals(0, cli.execute("audit", "verify", "--help"));
    assertEquals(true, out.toString().startsWith("Usage: vigie audit verify"), out.toString());
    StringWriter err = new StringWriter();
    cli.setErr(new PrintWriter(err, true));
    assertEquals(2, cli.execute("audit"));
    assertEquals(true, err.toString().contains("Missing subcommand"), err.toString());
  }
}
