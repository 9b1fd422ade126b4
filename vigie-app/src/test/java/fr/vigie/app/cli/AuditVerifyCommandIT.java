package fr.vigie.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import fr.vigie.app.audit.AuditAction;
import fr.vigie.app.audit.AuditEvent;
import fr.vigie.app.audit.AuditLog;
import fr.vigie.app.audit.internal.AuditChain;
import fr.vigie.app.support.TestDatabases;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
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
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK)
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

  private static CliRun.Result verify() {
    return CliRun.vigie(home, "audit", "verify");
  }

  @BeforeEach
  void fiveEntriesOnAFreshLog() {
    asTableOwner("delete from audit_log");
    jdbc.sql("update audit_head set last_id = 0, last_sha256 = ? where id = 1")
        .param(AuditChain.GENESIS).update();
    for (int i = 1; i <= 5; i++) {
      audit.record(AuditEvent.of("analyste", "ANALYST", AuditAction.READ, "report", i, null,
          "192.0.2.10"));
    }
  }

  @Test
  void saysIntactAndExitsZeroOnAnUntouchedLog() {
    assertEquals(new CliRun.Result(0, "intact: 5 entries", ""), verify());
  }

  @Test
  void reportsAnEditedActorAtItsEntry() {
    asTableOwner("update audit_log set actor = 'quelquun' where id = 2");
    assertEquals(new CliRun.Result(1, "broken at entry 2: content does not match its hash (edited) "
        + "(1 entries verified before it)", ""), verify());
  }

  @Test
  void reportsAMiddleEntryDeleted() {
    asTableOwner("delete from audit_log where id = 3");
    assertEquals(new CliRun.Result(1, "broken at entry 3: entry 3 is missing (next found: 4) "
        + "(2 entries verified before it)", ""), verify());
  }

  @Test
  void reportsTheLastEntryDeleted() {
    asTableOwner("delete from audit_log where id = 5");
    assertEquals(new CliRun.Result(1, "broken at entry 5: the head names entry 5 but the log ends at entry 4"
        + " (entries removed from the end, or head altered) (4 entries verified before it)", ""),
        verify());
  }

  @Test
  void reportsAnAlteredPreviousHash() {
    asTableOwner("update audit_log set prev_sha256 = '" + "0".repeat(64) + "' where id = 4");
    assertEquals(new CliRun.Result(1, "broken at entry 4: previous-hash link does not match entry 3 "
        + "(3 entries verified before it)", ""), verify());
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
