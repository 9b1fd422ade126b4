package fr.vigie.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.vigie.app.support.TestDatabases;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code vigie import reports --source CODE} on providers' documents (the encoder's, copied from
 * vigie-formats' test resources) and {@code vigie source}, as an analyst runs them: a folder is
 * one batch (a report and its fileDetails together), each zip in it another, the source is named
 * and must exist, and a bare report without one is refused saying to give it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
    properties = "vigie.jobs.worker-enabled=false")
class ProviderDocumentsCommandIT {

  static Path home;

  @Autowired
  JdbcClient jdbc;

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    home = TestDatabases.useEmbeddedHome(registry);
  }

  private static CliRun.Result vigie(String... args) {
    return CliRun.vigie(home, args);
  }

  private long count(String sql, Object... params) {
    return jdbc.sql(sql).params(params).query(Long.class).single();
  }

  private static Path encoder(String batch) throws Exception {
    return Path.of(ProviderDocumentsCommandIT.class.getResource("/cybertip/encoder/" + batch)
        .toURI());
  }

  private static void copy(String batch, Path to) throws Exception {
    Files.createDirectories(to);
    try (Stream<Path> files = Files.list(encoder(batch))) {
      for (Path f : files.toList()) {
        Files.copy(f, to.resolve(f.getFileName()));
      }
    }
  }

  private static void zip(Path zip, String batch) throws Exception {
    try (OutputStream o = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(o);
         Stream<Path> files = Files.list(encoder(batch))) {
      for (Path f : files.sorted().toList()) {
        z.putNextEntry(new ZipEntry(batch + "/" + f.getFileName()));
        z.write(Files.readAllBytes(f));
        z.closeEntry();
      }
    }
  }

  @Test
  void aFolderIsOneBatchUnderTheNamedSourceAndEachZipInItAnother() throws Exception {
    CliRun.Result added = vigie("source", "add", "pharos", "--name", "PHAROS (plateforme)",
        "--kind", "partner", "--country", "fr");
    assertEquals(0, added.exitCode(), added.err());
    assertEquals("registered PHAROS (PARTNER): PHAROS (plateforme)", added.out());
    assertEquals(1, vigie("source", "add", "PHAROS", "--name", "again", "--kind", "PARTNER")
        .exitCode(), "a code is registered once");
    CliRun.Result list = vigie("source", "list");
    assertTrue(list.out().lines().anyMatch(l -> l.matches("\\* PHAROS +PARTNER +FR +PHAROS "
        + "\\(plateforme\\)")), list.out());

    Path export = home.resolve("export");
    copy("full", export.resolve("report-1"));
    zip(export.resolve("report-2.zip"), "no-report-id");
    Files.writeString(export.resolve("LISEZMOI.txt"), "export of two reports");

    CliRun.Result run = vigie("import", "reports", "--source", "pharos", "--json",
        export.toString());
    assertEquals(0, run.exitCode(), run.out() + run.err());
    assertTrue(run.out().contains("\"files\":2,\"reportsNew\":2,\"reportsNewVersion\":0,"
        + "\"reportsUnchanged\":0,\"reportsRejected\":0"), run.out());
    assertTrue(run.out().contains("\"input\":\"" + export + "\""), "the folder is one input: "
        + run.out());
    assertTrue(run.out().contains("\"input\":\"" + export.resolve("report-2.zip") + "\""),
        run.out());

    assertEquals(2, count("""
        select count(*) from reports r join sources s on s.id = r.source_id
        where s.code = 'PHAROS' and r.external_id_derived and r.external_id like 'derived-%'
        """));
    assertEquals(List.of(2L, 1L), jdbc.sql("""
        select (select count(*) from media m where m.report_id = r.id) from reports r
        order by 1 desc
        """).query(Long.class).list(), "each report with the fileDetails beside it");
    assertEquals(2, count("""
        select count(*) from import_jobs j join sources s on s.id = j.source_id
        where s.code = 'PHAROS' and j.status = 'DONE' and j.origin = 'CLI'
          and j.input_sha256 is not null
        """), "the job names the source it was given");
    assertEquals(4, count("""
        select count(*) from reported_identifiers where kind = 'DEVICE_ID'
        """));
    assertEquals(1, count("""
        select count(*) from audit_log where action = 'CREATE' and object_type = 'source'
          and actor like 'cli:%'
        """));

    CliRun.Result again = vigie("import", "reports", "--source", "PHAROS", export.toString());
    assertEquals(0, again.exitCode(), again.err());
    assertTrue(again.out().contains("Reports: 0 new, 0 new versions, 2 unchanged, 0 rejected"),
        again.out());

    Path alone = home.resolve("alone");
    copy("digits", alone);
    CliRun.Result without = vigie("import", "reports", alone.toString());
    assertEquals(1, without.exitCode(), without.err());
    assertTrue(without.out().contains("report — a report document holds no report number: the "
        + "importer must say which source sent it, and none was given; give it with --source "
        + "CODE (known sources: NCMEC, PHAROS)"), without.out());

    long jobs = count("select count(*) from import_jobs");
    CliRun.Result unknown = vigie("import", "reports", "--source", "PHAROZ", alone.toString());
    assertEquals(2, unknown.exitCode(), unknown.out());
    assertTrue(unknown.err().contains("--source: unknown source \"PHAROZ\"; known sources: "
        + "NCMEC, PHAROS (an administrator registers a new one with ./vigie source add)"),
        unknown.err());
    assertEquals(jobs, count("select count(*) from import_jobs"), "nothing was read");
  }
}
