package fr.vigie.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.vigie.app.matching.KnownContent;
import fr.vigie.app.matching.MediaHashes;
import fr.vigie.app.support.TestDatabases;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code vigie hashset …} as an analyst runs it: the real command line on the embedded database
 * of a home folder, which this test's application holds open to check the sets, the audit log and
 * the in-memory index. Hashes are random.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
    properties = "vigie.matching.refresh-interval=0s")
class HashsetCommandIT {

  static Path home;

  @Autowired
  JdbcClient jdbc;

  @Autowired
  KnownContent known;

  private final Random random = new Random(99);

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    home = TestDatabases.useEmbeddedHome(registry);
  }

  private static CliRun.Result vigie(String... args) {
    return CliRun.vigie(home, args);
  }

  private String hex(int digits) {
    byte[] b = new byte[digits / 2];
    random.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  private Path vicsFile(String... md5s) throws IOException {
    StringBuilder json = new StringBuilder("""
        {"odata.metadata":"http://github.com/ICMEC/ProjectVic/DataModels/1.3.xml#Media","value":[""");
    for (int i = 0; i < md5s.length; i++) {
      json.append(i == 0 ? "" : ",").append("{\"MD5\":\"").append(md5s[i])
          .append("\",\"Category\":1}");
    }
    Path file = Files.createTempFile(home, "vics-", ".json");
    Files.writeString(file, json.append("]}"), StandardCharsets.UTF_8);
    return file;
  }

  @Test
  void importsReplacesListsAndRetiresWithExitCodesAndAudit() throws IOException {
    String first = hex(32);
    Path v1 = vicsFile(first, "not-a-hash");
    CliRun.Result imported = vigie("hashset", "import", v1.toString(), "--format", "vics", "--name",
        "Projet CLI", "--version", "2026.1", "--scheme", "us", "--legal-basis", "Art. test");
    assertEquals(1, imported.exitCode(), imported.err());
    assertTrue(imported.out().contains("1 hashes, 1 rejected"), imported.out());
    assertTrue(imported.err().contains("rejected Media #2"), imported.err());
    assertEquals(1, known.match(MediaHashes.exact(first, null, null)).notable().size());

    CliRun.Result again = vigie("hashset", "import", v1.toString(), "--format", "vics", "--name",
        "Projet CLI", "--version", "2026.1", "--scheme", "us");
    assertEquals(0, again.exitCode(), again.err());
    assertTrue(again.out().contains("already known"), again.out());

    String second = hex(32);
    CliRun.Result newer = vigie("hashset", "import", vicsFile(second).toString(), "--format", "vics",
        "--name", "Projet CLI", "--version", "2026.2", "--scheme", "us");
    assertEquals(0, newer.exitCode(), newer.err());
    assertTrue(newer.out().contains("retired 2026.1"), newer.out());
    assertTrue(known.match(MediaHashes.exact(first, null, null)).notable().isEmpty());
    assertEquals(2, known.match(MediaHashes.exact(second, null, null)).notable().get(0)
        .category());

    CliRun.Result list = vigie("hashset", "list");
    assertEquals(0, list.exitCode(), list.err());
    assertTrue(list.out().lines().anyMatch(l -> l.startsWith("Projet CLI") && l.contains("2026.2")
        && l.contains("ACTIVE")), list.out());
    assertTrue(list.out().lines().anyMatch(l -> l.contains("2026.1") && l.contains("RETIRED")),
        list.out());

    assertEquals(0, vigie("hashset", "remove", "Projet CLI").exitCode());
    assertEquals(1, vigie("hashset", "remove", "Projet CLI").exitCode());
    assertTrue(known.match(MediaHashes.exact(second, null, null)).notable().isEmpty());
    assertEquals(4, jdbc.sql("""
        select count(*) from audit_log
        where object_type = 'hash_set' and actor like 'cli:%' and detail like '%Projet CLI%'
        """).query(Long.class).single(), "import, import + retire, remove");
  }

  @Test
  void refusesMissingSchemeAndUnknownFormatAsUsageErrors() throws IOException {
    Path file = vicsFile(hex(32));
    assertEquals(2, vigie("hashset", "import", file.toString(), "--format", "vics", "--name",
        "X").exitCode());
    assertEquals(2, vigie("hashset", "import", file.toString(), "--format", "xml", "--name",
        "X", "--scheme", "us").exitCode());
    assertEquals(1, vigie("hashset", "import", home.resolve("missing.json").toString(),
        "--format", "vics", "--name", "X", "--scheme", "us").exitCode());
  }

  @Test
  void importsAnNsrlSetAsKnownGood() throws IOException {
    String sha1 = hex(40);
    Path csv = Files.createTempFile(home, "NSRLFile", ".txt");
    Files.writeString(csv, "\"SHA-1\",\"MD5\",\"CRC32\",\"FileName\",\"FileSize\","
        + "\"ProductCode\",\"OpSystemCode\",\"SpecialCode\"\n\"" + sha1.toUpperCase() + "\",\""
        + hex(32).toUpperCase() + "\",\"0\",\"a.dll\",1,1,\"1\",\"\"\n",
        StandardCharsets.ISO_8859_1);
    CliRun.Result run = vigie("hashset", "import", csv.toString(), "--format", "nsrl", "--name",
        "NSRL modern", "--version", "2.75");
    assertEquals(0, run.exitCode(), run.err());
    assertEquals(1, known.match(MediaHashes.exact(null, sha1, null)).knownGood().size());
  }

  @Test
  void importsAnNsrlV3DatabaseAsKnownGoodAndRefusesADamagedOne() throws Exception {
    String sha256 = hex(64);
    String sha1 = hex(40);
    Path db = home.resolve("RDS_2025.03.1_modern_minimal.db");
    try (java.sql.Connection c = new org.sqlite.JDBC().connect("jdbc:sqlite:" + db,
        new java.util.Properties()); java.sql.Statement s = c.createStatement()) {
      s.execute("create table FILE (sha256 text, sha1 text, md5 text, crc32 text,"
          + " file_name text, file_size integer, package_id integer)");
      s.execute("insert into FILE values ('" + sha256.toUpperCase() + "', '" + sha1 + "', '"
          + hex(32) + "', '0', 'a.dll', 1, 1), ('" + sha256 + "', '" + sha1 + "', null, '0',"
          + " 'a.dll', 1, 2), ('zz', null, null, '0', 'b.dll', 1, 1)");
    }
    CliRun.Result run = vigie("hashset", "import", db.toString(), "--format", "nsrl", "--name",
        "NSRL v3 modern", "--version", "2025.03.1");
    assertEquals(1, run.exitCode(), run.err());
    assertTrue(run.err().contains("rejected row 3: sha256"), run.err());
    assertTrue(run.out().contains("3 hashes, 1 rejected"), run.out());
    assertEquals(1, known.match(MediaHashes.exact(null, null, sha256)).knownGood().size());

    Path damaged = home.resolve("RDS_2025.06.1_modern.db");
    byte[] bytes = new byte[4096];
    random.nextBytes(bytes);
    System.arraycopy("SQLite format 3\0".getBytes(StandardCharsets.US_ASCII), 0, bytes, 0, 16);
    Files.write(damaged, bytes);
    CliRun.Result refused = vigie("hashset", "import", damaged.toString(), "--format", "nsrl",
        "--name", "NSRL v3 modern", "--version", "2025.06.1");
    assertEquals(1, refused.exitCode(), refused.err());
    assertTrue(refused.err().contains(damaged + ": not a readable NSRL RDS v3 database"),
        refused.err());
  }
}
