package fr.vigie.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.vigie.app.cases.CaseDraft;
import fr.vigie.app.cases.Cases;
import fr.vigie.app.support.TestDatabases;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code vigie case attach}: the results of {@code vigie scan --out} become an exhibit of a case,
 * with its own SHA-256, on the embedded database of a home folder; {@code vigie case open}: one
 * open case per suspect, a second one only with {@code --anyway} and a reason.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class CaseAttachCommandIT {

  static Path home;

  @Autowired
  Cases cases;

  @Autowired
  JdbcClient jdbc;

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    home = TestDatabases.useEmbeddedHome(registry);
  }

  @Test
  void attachesScanResultsToACaseAndRefusesAnUnknownCase(@TempDir Path work) throws Exception {
    cases.open(new CaseDraft("D-2026-0777", "Saisie test", "OFMIN-LYON",
        Instant.parse("2026-10-01T08:00:00Z"), "analyste", List.of()));
    Path tree = Files.createDirectories(work.resolve("saisie"));
    Files.writeString(tree.resolve("a.txt"), "a");
    Path results = work.resolve("results.json");
    CliRun.Result scan = CliRun.vigie(home, "scan", tree.toString(), "--no-match", "--out",
        results.toString());
    assertEquals(0, scan.exitCode(), scan.err());
    byte[] content = Files.readAllBytes(results);
    String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));

    CliRun.Result attach = CliRun.vigie(home, "case", "attach", "D-2026-0777",
        results.toString(), "--description", "Résultats du scan");
    assertEquals(0, attach.exitCode(), attach.out() + attach.err());
    assertTrue(attach.out().contains("sha256 " + sha), attach.out());
    var row = jdbc.sql("""
        select e.sha256, e.file_name, e.added_by, e.description from exhibits e
        join cases c on c.id = e.case_id where c.reference = 'D-2026-0777'
        """).query((rs, n) -> List.of(rs.getString(1), rs.getString(2), rs.getString(3),
            rs.getString(4))).single();
    assertEquals(sha, row.get(0));
    assertEquals("results.json", row.get(1));
    assertTrue(row.get(2).startsWith("cli:"), row.get(2));
    assertEquals("Résultats du scan", row.get(3));
    assertTrue(Files.exists(home.resolve("exhibits").resolve(sha.substring(0, 2)).resolve(sha)));
    assertEquals(new String(content, StandardCharsets.UTF_8),
        Files.readString(home.resolve("exhibits").resolve(sha.substring(0, 2)).resolve(sha)));

    CliRun.Result unknown = CliRun.vigie(home, "case", "attach", "D-0000-0000",
        results.toString());
    assertEquals(1, unknown.exitCode());
    assertTrue(unknown.err().contains("no case with reference D-0000-0000"), unknown.err());
    CliRun.Result missing = CliRun.vigie(home, "case", "attach", "D-2026-0777",
        work.resolve("absent.json").toString());
    assertEquals(2, missing.exitCode());
  }

  @Test
  void opensACaseAndRefusesASecondOpenOneWithItsAddressUnlessAnyway() {
    jdbc.sql("""
        insert into suspects (reference, display_name, unit_id, departement_code, status)
        values ('S-CLI-0001', 'Jean Ligne', (select id from units where code = 'OFMIN-LYON'),
                '69', 'ACTIVE')
        """).update();
    CliRun.Result opened = CliRun.vigie(home, "case", "open", "S-CLI-0001");
    assertEquals(0, opened.exitCode(), opened.out() + opened.err());
    long id = jdbc.sql("""
        select c.id from cases c join case_suspects cs on cs.case_id = c.id
        join suspects s on s.id = cs.suspect_id where s.reference = 'S-CLI-0001'
        """).query(Long.class).single();
    String reference = jdbc.sql("select reference from cases where id = ?").param(id)
        .query(String.class).single();
    assertTrue(opened.out().contains("opened " + reference + " for S-CLI-0001: /dossiers/" + id),
        opened.out());

    CliRun.Result refused = CliRun.vigie(home, "case", "open", "S-CLI-0001");
    assertEquals(1, refused.exitCode(), refused.out() + refused.err());
    assertTrue(refused.err().contains("S-CLI-0001 is already in open case " + reference)
        && refused.err().contains("/dossiers/" + id) && refused.err().contains("--anyway"),
        refused.err());
    assertEquals(1L, jdbc.sql("""
        select count(*) from case_suspects cs join suspects s on s.id = cs.suspect_id
        where s.reference = 'S-CLI-0001'""").query(Long.class).single());
    List<String> entry = jdbc.sql("""
        select actor, actor_role, outcome from audit_log where object_type = 'suspect'
        order by id desc limit 1""")
        .query((rs, n) -> List.of(rs.getString(1), rs.getString(2), rs.getString(3))).single();
    assertTrue(entry.get(0).startsWith("cli:"), entry.toString());
    assertEquals(List.of("CLI", "FAILURE"), entry.subList(1, 3));

    CliRun.Result anyway = CliRun.vigie(home, "case", "open", "S-CLI-0001", "--anyway",
        "Procédure distincte (parquet de Lyon)");
    assertEquals(0, anyway.exitCode(), anyway.out() + anyway.err());
    assertEquals(1L, jdbc.sql("""
        select count(*) from audit_log where object_type = 'case' and actor_role = 'CLI'
        and detail like '%opened anyway beside S-CLI-0001 in %: Procédure distincte%'""")
        .query(Long.class).single());

    CliRun.Result unknown = CliRun.vigie(home, "case", "open", "S-NULLE-PART");
    assertEquals(1, unknown.exitCode());
    assertTrue(unknown.err().contains("no suspect with reference S-NULLE-PART"), unknown.err());
  }
}
