package fr.vigie.app.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import fr.vigie.app.attribution.AttributeImportRun;
import fr.vigie.app.attribution.Attribution;
import fr.vigie.app.intake.QueuedImport;
import fr.vigie.app.intake.ReportImport;
import fr.vigie.app.linking.Linking;
import fr.vigie.app.linking.LinkingJob;
import fr.vigie.app.support.TestDatabases;
import fr.vigie.app.triage.RescoreJob;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * V19 on a database that has jobs from before it: their string payloads become the records'
 * JSON, queued and running jobs survive the upgrade, claims made before it expire as they would
 * have.
 */
class JobPayloadsMigrationIT {

  @Test
  void rewritesTheOldStringPayloadsAsTheirRecordsJson() throws Exception {
    TestDatabases.Server server = TestDatabases.server();
    String schema = server.createSchema("vigie_v19_");
    try {
      migrate(server, schema, "16.1");
      Map<String, String[]> before = new LinkedHashMap<>();
      before.put("match-import:42", new String[] {"match-import", "42"});
      before.put("attribute-import:42", new String[] {"attribute-import", "42"});
      before.put("import-reports:7", new String[] {"import-reports",
          "7\t/var/lib/vigie/spool/lot \"2024\".xml"});
      before.put("match-media:abc", new String[] {"match-media", "3,17,18"});
      before.put("rematch-media:all", new String[] {"rematch-media", "all"});
      before.put("attribute-all:all", new String[] {"attribute-all", "all"});
      before.put("link-suspects:import:42", new String[] {"link-suspects", "import:42"});
      before.put("link-suspects:answer:5", new String[] {"link-suspects", "answer:5"});
      before.put("triage-rescore:all", new String[] {"triage-rescore", "all:2026.1"});
      before.put("triage-rescore:import:42", new String[] {"triage-rescore", "import:42"});
      before.put("triage-rescore:suspects:x", new String[] {"triage-rescore", "suspects:3,9"});
      before.put("match-import:bad", new String[] {"match-import", "douze"});
      try (Connection c = server.connect()) {
        c.setSchema(schema);
        for (var job : before.entrySet()) {
          try (PreparedStatement insert = c.prepareStatement("""
              insert into jobs (kind, payload, dedupe_key, status, attempts, run_after,
                claimed_by, claimed_at)
              values (?, ?, ?, 'RUNNING', 1, timestamp with time zone '2026-03-01 10:00:00Z',
                'old-node', timestamp with time zone '2026-03-01 10:00:00Z')
              """)) {
            insert.setString(1, job.getValue()[0]);
            insert.setString(2, job.getValue()[1]);
            insert.setString(3, job.getKey());
            insert.executeUpdate();
          }
        }
      }
      migrate(server, schema, "latest");
      Map<String, String> after = new LinkedHashMap<>();
      try (Connection c = server.connect()) {
        c.setSchema(schema);
        try (ResultSet rs = c.createStatement().executeQuery("""
            select dedupe_key, payload, lease_until = claimed_at + interval '10 minutes'
            from jobs order by id
            """)) {
          while (rs.next()) {
            after.put(rs.getString(1), rs.getString(2));
            assertEquals(true, rs.getBoolean(3), "the old claim's 10 minutes: " + rs.getString(1));
          }
        }
      }
      assertEquals(List.copyOf(before.keySet()), List.copyOf(after.keySet()));
      assertEquals("{\"importJobId\":42}", after.get("match-import:42"));
      assertEquals(new AttributeImportRun(42),
          Attribution.IMPORT_KIND.read(after.get("attribute-import:42")));
      assertEquals(new QueuedImport(7, "/var/lib/vigie/spool/lot \"2024\".xml"),
          ReportImport.JOB_KIND.read(after.get("import-reports:7")));
      assertEquals("{\"mediaIds\":[3,17,18]}", after.get("match-media:abc"));
      assertEquals("{}", after.get("rematch-media:all"));
      assertEquals("{}", after.get("attribute-all:all"));
      assertEquals(new LinkingJob.Import(42),
          Linking.JOB_KIND.read(after.get("link-suspects:import:42")));
      assertEquals(new LinkingJob.Answer(5),
          Linking.JOB_KIND.read(after.get("link-suspects:answer:5")));
      JobKind<RescoreJob> rescore = new JobKind<>("triage-rescore", RescoreJob.class);
      assertEquals(new RescoreJob.Everyone("2026.1"),
          rescore.read(after.get("triage-rescore:all")));
      assertEquals(new RescoreJob.ImportRun(42),
          rescore.read(after.get("triage-rescore:import:42")));
      assertEquals(new RescoreJob.Suspects(List.of(3L, 9L)),
          rescore.read(after.get("triage-rescore:suspects:x")));
      assertEquals("douze", after.get("match-import:bad"), "unknown forms are left to be refused");
    } finally {
      server.dropSchema(schema);
    }
  }

  private static void migrate(TestDatabases.Server server, String schema, String target) {
    // Only the SQL migrations: intake's Java ones (V16.2, V16.3) are Spring beans, and touch no
    // job.
    Flyway.configure().dataSource(server.urlOf(schema), server.user(), server.password())
        .schemas(schema).locations("classpath:db/migration").target(target).load().migrate();
  }
}
