package fr.vigie.app.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.vigie.app.demo.DemoImages;
import fr.vigie.app.media.MediaStore;
import fr.vigie.app.support.TestDatabases;
import fr.vigie.hashing.ContentDigester;
import fr.vigie.hashing.ContentHashes;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code vigie import media …}: the content of reported files, matched to their media rows by
 * hash, stored encrypted, recorded on the rows with PDQ, a disagreeing declared hash flagged,
 * and files no report declared listed and not kept.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
    properties = "vigie.jobs.worker-enabled=false")
class ImportMediaCommandIT {

  static Path home;

  @Autowired
  JdbcClient jdbc;

  @Autowired
  MediaStore store;

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    home = TestDatabases.useEmbeddedHome(registry);
  }

  private static Path fixture(String name) throws URISyntaxException {
    return Path.of(ImportMediaCommandIT.class.getResource("/intake/" + name).toURI());
  }

  @Test
  void storesTheDeclaredFilesEncryptedAndReportsTheRest() throws Exception {
    assertEquals(0, CliRun.vigie(home, "import", "reports",
        fixture("three-reports.xml").toString()).exitCode());
    // A picture declared with its true MD5 but a wrong SHA-256: stored, and the mismatch flagged.
    byte[] picture = DemoImages.png(3);
    ContentHashes ph = new ContentDigester().digest(picture);
    Path declaring = Files.createTempFile("declaring-", ".xml");
    Files.writeString(declaring, """
        <cyberTips>
          <cyberTip reportId="150100009" receivedAt="2024-02-02T10:00:00Z">
            <report>
              <incidentSummary>
                <incidentType>Child Pornography (possession, manufacture, and distribution)</incidentType>
                <incidentDateTime>2024-02-01T10:00:00Z</incidentDateTime>
              </incidentSummary>
              <reporter><reportingPerson><email>trust@example.com</email></reportingPerson></reporter>
            </report>
            <fileDetails>
              <reportId>150100009</reportId>
              <fileId>99112233445566778899aabbccddeeff</fileId>
              <originalFileName>picture.png</originalFileName>
              <originalFileHash hashType="md5">%s</originalFileHash>
              <originalFileHash hashType="sha256">%s</originalFileHash>
            </fileDetails>
          </cyberTip>
        </cyberTips>
        """.formatted(ph.md5(), "ab".repeat(32)), StandardCharsets.UTF_8);
    CliRun.Result declared = CliRun.vigie(home, "import", "reports", declaring.toString());
    assertEquals(0, declared.exitCode(), declared.out() + declared.err());

    Path folder = Files.createTempDirectory("seized-");
    Files.write(folder.resolve("empty.bin"), new byte[0]);
    Files.writeString(folder.resolve("test.txt"), "test", StandardCharsets.US_ASCII);
    Files.createDirectories(folder.resolve("sub"));
    Files.writeString(folder.resolve("sub/a.dat"), "a", StandardCharsets.US_ASCII);
    Files.write(folder.resolve("sub/renamed.txt"), picture);
    Files.write(folder.resolve("stranger.png"), DemoImages.png(4));

    CliRun.Result run = CliRun.vigie(home, "import", "media", folder.toString());
    assertEquals(1, run.exitCode(), run.out() + run.err());
    // The fixture's first file declares hashes one digit off those of an empty file.
    assertTrue(run.out().contains("Files: 5 (3 stored, 0 already stored, 2 matched no media "
        + "row, 0 unreadable)"), run.out());
    assertTrue(run.out().contains("Media rows with content: 3"), run.out());
    assertTrue(run.out().contains("unmatched " + folder.resolve("empty.bin")), run.out());
    assertTrue(run.out().contains("unmatched " + folder.resolve("stranger.png")), run.out());
    assertTrue(run.out().contains("hash mismatch: media ") && run.out().contains(
        "SHA256 declared " + "ab".repeat(32) + ", content " + ph.sha256()), run.out());

    Map<String, Object> row = jdbc.sql("""
        select content_ref, pdq, pdq_quality, content_type, width, height, hash_mismatch, sha1
        from media where file_name = 'picture.png'
        """).query().singleRow();
    assertEquals(ph.sha256(), row.get("content_ref"));
    assertEquals(ph.sha1(), row.get("sha1"), "a missing declared hash is filled in");
    assertEquals(64, ((String) row.get("pdq")).length());
    assertEquals("image/png", row.get("content_type"));
    assertEquals(DemoImages.WIDTH, ((Number) row.get("width")).intValue());
    assertNotNull(row.get("hash_mismatch"));
    assertEquals("ab".repeat(32), jdbc.sql(
            "select sha256 from media where file_name = 'picture.png'").query(String.class)
        .single(), "the declared hash stays as the report gave it");
    assertEquals(3, jdbc.sql("select count(*) from media where content_ref is not null")
        .query(Long.class).single());
    assertEquals(1, jdbc.sql("""
            select count(*) from media
            where md5 in (?, upper(?)) and hash_mismatch is null and content_ref is not null
            """)
        .params("0cc175b9c0f1b6a831c399e269772661", "0cc175b9c0f1b6a831c399e269772661")
        .query(Long.class).single(), "hashes that agree are not flagged");

    // Encrypted under $VIGIE_HOME/media/ab/cd/<sha256>; the clear bytes are nowhere on disk.
    Path stored = home.resolve("media").resolve(ph.sha256().substring(0, 2))
        .resolve(ph.sha256().substring(2, 4)).resolve(ph.sha256());
    assertTrue(Files.isRegularFile(stored));
    byte[] onDisk = Files.readAllBytes(stored);
    assertFalse(new String(onDisk, StandardCharsets.ISO_8859_1).contains("PNG"));
    assertArrayEquals(picture, store.read(ph.sha256()));
    assertTrue(Files.isRegularFile(home.resolve("keys/media.key")));
    try (Stream<Path> left = Files.walk(folder)) {
      assertEquals(7, left.count(), "nothing was written into the imported tree");
    }
    assertEquals(List.of(), jdbc.sql("select content_ref from media where content_ref is not null"
        + " and content_ref = ?").param(new ContentDigester().digest(DemoImages.png(4)).sha256())
        .query(String.class).list(), "an undeclared file is not kept");

    // Matching of the rows that got content is queued; the import is on the audit record.
    assertEquals(1, jdbc.sql("select count(*) from jobs where kind = 'match-media'")
        .query(Long.class).single());
    assertTrue(jdbc.sql("""
        select detail from audit_log where action = 'CREATE' and object_type = 'media_content'
        """).query(String.class).single().contains("rows=3"));
    assertEquals(List.of("CLI", fr.vigie.app.audit.AuditActor.commandLine("x").clientAddress()),
        jdbc.sql("""
            select actor_role, client_address from audit_log
            where action = 'CREATE' and object_type = 'media_content'
            """).query((rs, n) -> List.of(String.valueOf(rs.getString(1)),
            String.valueOf(rs.getString(2)))).single(),
        "a command-line import: role CLI, from this host");

    // Again: the same content is not stored twice; every file belongs to a row now but one.
    CliRun.Result again = CliRun.vigie(home, "import", "media",
        folder.resolve("sub").toString());
    assertEquals(0, again.exitCode(), again.out());
    assertTrue(again.out().contains("Files: 2 (0 stored, 2 already stored"), again.out());

    // Pictures that came with a batch of reports, zipped: each entry counts as a file.
    Path zip = Files.createTempDirectory("batch-").resolve("pictures.zip");
    try (var z = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip))) {
      z.putNextEntry(new java.util.zip.ZipEntry("batch/test.txt"));
      z.write("test".getBytes(StandardCharsets.US_ASCII));
      z.closeEntry();
      z.putNextEntry(new java.util.zip.ZipEntry("batch/other.png"));
      z.write(DemoImages.png(5));
      z.closeEntry();
    }
    CliRun.Result zipped = CliRun.vigie(home, "import", "media", zip.toString());
    assertEquals(1, zipped.exitCode(), zipped.out());
    assertTrue(zipped.out().contains("Files: 2 (0 stored, 1 already stored, 1 matched no media "
        + "row, 0 unreadable)"), zipped.out());
    assertTrue(zipped.out().contains("unmatched " + zip + "!/batch/other.png"), zipped.out());
  }

  @Test
  void theStoreItselfAndMissingPathsAreUsageErrors() throws Exception {
    Files.createDirectories(home.resolve("media"));
    assertEquals(2, CliRun.vigie(home, "import", "media", home.resolve("media").toString())
        .exitCode());
    assertEquals(2, CliRun.vigie(home, "import", "media", home.resolve("nowhere").toString())
        .exitCode());
    assertEquals(2, CliRun.vigie(home, "import", "media").exitCode());
  }
}
