package fr.vigie.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.vigie.app.support.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code vigie import answer FILE}: an operator's answer through the real command line, on the
 * embedded database this test's application holds open; a bad line is named, the rest goes in.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
    properties = "vigie.jobs.worker-enabled=false")
class ImportAnswerCommandIT {

  static Path home;

  @Autowired
  JdbcClient jdbc;

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    home = TestDatabases.useEmbeddedHome(registry);
  }

  /** A sent Orange requisition with one line: 198.51.100.10 port 40000 at the given instant. */
  private String sentRequisition(Instant at) {
    jdbc.sql("insert into sources (code, name, kind) values ('CLI-ANS', 'CLI answer', 'NCMEC')")
        .update();
    jdbc.sql("""
        insert into reports (source_id, external_id, content_sha256, incident_type, received_at,
          raw_format) values ((select id from sources where code = 'CLI-ANS'), 'A1', ?,
          'Child Pornography', current_timestamp, 'DEMO')
        """).param("0".repeat(64)).update();
    jdbc.sql("""
        insert into ip_events (report_id, ip_original, ip, ip_version, port, occurred_at)
        values ((select max(id) from reports), '198.51.100.10', '198.51.100.10', 4, 40000, ?)
        """).param(at.atOffset(ZoneOffset.UTC)).update();
    jdbc.sql("""
        insert into requisitions (reference, operator_id, legal_basis, procedure_type,
          requesting_officer, status, created_by, sent_at, due_at)
        values ('RQ-2026-777777', (select id from operators where code = 'ORANGE'),
          'Article 60-1 du Code de procédure pénale', 'FLAGRANCE', 'OPJ', 'SENT', 'test',
          current_timestamp, current_timestamp)
        """).update();
    jdbc.sql("""
        insert into requisition_items (requisition_id, ip_event_id, ip, port, occurred_at)
        values ((select id from requisitions where reference = 'RQ-2026-777777'),
          (select max(id) from ip_events), '198.51.100.10', 40000, ?)
        """).param(at.atOffset(ZoneOffset.UTC)).update();
    return "RQ-2026-777777";
  }

  @Test
  void importsTheGoodLinesAndNamesTheBadOnes() throws Exception {
    String ref = sentRequisition(Instant.parse("2026-03-29T01:00:00Z"));
    Path answer = home.resolve("reponse-orange.csv");
    Files.writeString(answer, """
        requisition,ip,port,utc_time,identity,address,postal_code,city,contract_type
        %1$s,198.51.100.10,40000,2026-03-29T03:00:00+02:00,DURAND Marie,"3 rue Exemple",13001,Marseille,fibre
        %1$s,198.51.100.10,40000,2026-03-29T03:00:00+02:00,DURAND Marie,x,13 001,Marseille,fibre
        """.formatted(ref));
    CliRun.Result run = CliRun.vigie(home, "import", "answer", answer.toString());
    assertEquals(1, run.exitCode(), run.out() + run.err());
    assertTrue(run.out().contains("2 line(s) read, 1 imported (1 identified, 0 unknown), "
        + "1 rejected"), run.out());
    assertTrue(run.out().contains("reponse-orange.csv: line 3, column 7 (postal_code): a French "
        + "postal code has 5 digits: '13 001'"), run.out());
    assertEquals("OFMIN-MARSEILLE", jdbc.sql("""
        select u.code from subscribers s join units u on u.id = s.unit_id
        where s.full_name = 'DURAND Marie'
        """).query(String.class).single());
    assertEquals("ANSWERED", jdbc.sql("select status from requisitions where reference = ?")
        .param(ref).query(String.class).single());
    // On the record as a command-line import: the OS user, role CLI, from this host.
    assertEquals(List.of("cli:" + System.getProperty("user.name"), "CLI",
        fr.vigie.app.audit.AuditActor.commandLine("x").clientAddress()), jdbc.sql("""
            select actor, actor_role, client_address from audit_log
            where object_type = 'requisition-answer' order by id desc limit 1
            """).query((rs, n) -> List.of(rs.getString(1), String.valueOf(rs.getString(2)),
            String.valueOf(rs.getString(3)))).single());

    CliRun.Result missing = CliRun.vigie(home, "import", "answer", "no-such-file.csv");
    assertEquals(2, missing.exitCode());
  }

  @Test
  void attributionRunSaysPlainlyWhenThereIsNoGeoIpDatabase() {
    CliRun.Result run = CliRun.vigie(home, "attribution", "run");
    assertEquals(0, run.exitCode(), run.out() + run.err());
    assertTrue(run.out().contains("no GeoIP database: vigie.geoip.dir (VIGIE_GEOIP_DIR) is not "
        + "set"), run.out());
    assertTrue(run.out().contains("event(s) attributed"), run.out());
  }
}
