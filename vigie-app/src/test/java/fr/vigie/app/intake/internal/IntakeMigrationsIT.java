package fr.vigie.app.intake.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.vigie.app.intake.ReportImport;
import fr.vigie.app.support.GeneratedTips;
import fr.vigie.app.support.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.migration.Context;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * V16's Java migrations on a real database: the digest keys of media stored before V16, and the
 * foreign keys of intake's child rows gone with their indexes kept.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
    properties = {"vigie.jobs.worker-enabled=false",
        "spring.datasource.hikari.maximum-pool-size=3"})
@DirtiesContext
class IntakeMigrationsIT {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabases.useFreshDatabase(registry);
  }


  @Autowired
  ReportImport importer;

  @Autowired
  JdbcClient jdbc;

  @Autowired
  JdbcMediaRecords media;

  @Autowired
  DataSource dataSource;

  @TempDir
  Path temp;

  @Test
  void mediaStoredBeforeV16GetTheKeysTheyAreNowFoundBy() throws Exception {
    Path file = GeneratedTips.write(temp.resolve("tips.xml"), 20, 7_300_000, 5, "ExampleChat");
    importer.importFile(file, "test:analyste", false, new LongAdder());
    // As rows written before V16 were: hashes, no keys. One declared in upper case.
    jdbc.sql("update media set digest_key = null").update();
    long upper = jdbc.sql("select min(id) from media where md5 is not null")
        .query(Long.class).single();
    jdbc.sql("update media set md5 = upper(md5) where id = ?").param(upper).update();

    try (Connection c = dataSource.getConnection()) {
      new MediaDigestKeysMigration().migrate(context(c));
    }

    List<Map<String, Object>> rows = jdbc.sql(
        "select id, md5, sha1, sha256, digest_key from media order by id")
        .query().listOfRows();
    assertTrue(rows.size() > 20, "the generated reports name media");
    for (Map<String, Object> row : rows) {
      assertEquals(HashKeys.of((String) row.get("md5"), (String) row.get("sha1"),
          (String) row.get("sha256")), number(row.get("digest_key")), row::toString);
      assertTrue(row.get("digest_key") != null, "every generated file declares a digest");
    }
    String md5 = jdbc.sql("select lower(md5) from media where id = ?").param(upper)
        .query(String.class).single();
    assertTrue(media.declaring(md5, null, null).stream().anyMatch(d -> d.id() == upper),
        "found by its key, compared whatever the case");
  }

  @Test
  void intakeChildRowsHaveNoForeignKeysButKeepTheirIndexes() throws Exception {
    try (Connection c = dataSource.getConnection()) {
      for (String child : List.of("report_persons", "reported_identifiers", "ip_events", "media",
          "victim_hints")) {
        Set<String> parents = new HashSet<>();
        try (ResultSet keys = c.getMetaData().getImportedKeys(c.getCatalog(), c.getSchema(),
            child)) {
          while (keys.next()) {
            parents.add(keys.getString("PKTABLE_NAME"));
          }
        }
        assertTrue(!parents.contains("reports") && !parents.contains("report_persons"),
            child + " still references " + parents);
        Set<String> indexed = new HashSet<>();
        try (ResultSet index = c.getMetaData().getIndexInfo(c.getCatalog(), c.getSchema(), child,
            false, false)) {
          while (index.next()) {
            if (index.getInt("ORDINAL_POSITION") == 1) {
              indexed.add(index.getString("COLUMN_NAME").toLowerCase(java.util.Locale.ROOT));
            }
          }
        }
        assertTrue(indexed.contains("report_id"), child + " has an index on report_id");
      }
    }
  }

  private static Long number(Object value) {
    return value == null ? null : ((Number) value).longValue();
  }

  private static Context context(Connection c) {
    return new Context() {
      @Override
      public Configuration getConfiguration() {
        return null;
      }

      @Override
      public Connection getConnection() {
        return c;
      }
    };
  }
}
