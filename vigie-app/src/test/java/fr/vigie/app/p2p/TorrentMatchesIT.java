package fr.vigie.app.p2p;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import fr.vigie.app.audit.AuditActor;
import fr.vigie.app.matching.HashSetDraft;
import fr.vigie.app.matching.HashSets;
import fr.vigie.app.matching.KnownContent;
import fr.vigie.app.security.Caller;
import fr.vigie.app.security.Role;
import fr.vigie.app.support.TestDatabases;
import fr.vigie.bittorrent.fakes.TorrentBuilder;
import fr.vigie.bittorrent.metainfo.Metainfo;
import fr.vigie.bittorrent.metainfo.TorrentFile;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A watched torrent whose small file's BEP 52 root is the SHA-256 a notable hash set holds says
 * so on its page; its larger file, and a v1 torrent of the same content, match nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK,
    properties = "vigie.jobs.worker-enabled=false")
@AutoConfigureMockMvc
class TorrentMatchesIT {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabases.useFreshDatabase(registry);
  }

  static final AuditActor ACTOR = new AuditActor("analyste.test", "ANALYST", "192.0.2.10");

  @Autowired
  HashSets hashSets;

  @Autowired
  KnownContent known;

  @Autowired
  Watchlist watchlist;

  @Autowired
  TorrentMatches matches;

  @Autowired
  MockMvc mvc;

  @Test
  void aSmallFileKnownByItsSha256IsNamedOnTheEntry() throws Exception {
    byte[] small = TorrentBuilder.randomBytes(5, 9_000);
    byte[] large = TorrentBuilder.randomBytes(6, 70_000);
    String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(small));
    String largeSha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
        .digest(large));
    hashSets.registerIfAbsent(new HashSetDraft("Jeu test P2P", "2026.1", "CSV", "NOTABLE",
        "Autorité test", LocalDate.of(2026, 1, 1), "test", List.of(
            new HashSetDraft.Entry("SHA256", sha256, 1, "1", "Série P2P"),
            new HashSetDraft.Entry("SHA256", largeSha256, 1, "1", "Série P2P"))), "test");
    known.refreshIfChanged();

    byte[] hybrid = TorrentBuilder.named("lot").file(small, "a", "petit.bin")
        .file(large, "b", "grand.bin").pieceLength(32 * 1024)
        .version(TorrentBuilder.Version.HYBRID).build();
    Metainfo m = Metainfo.parse(hybrid);
    TorrentFile first = m.files().stream().filter(f -> f.joinedPath().endsWith("petit.bin"))
        .findFirst().orElseThrow();
    assertEquals(sha256, first.piecesRootHex().orElseThrow(),
        "a one-block file's BEP 52 root is its SHA-256");

    WatchEntry entry = ((Watchlist.Addition.Added) watchlist.add(
        new Watchlist.What.Torrent(hybrid), Provenance.parse("hashset:Jeu test P2P"), ACTOR))
        .entry();
    List<TorrentMatches.FileMatch> found = matches.of(entry.id());
    assertEquals(1, found.size(), found.toString());
    assertTrue(found.getFirst().path().endsWith("petit.bin"));
    assertEquals("Jeu test P2P", found.getFirst().matches().getFirst().setName());

    String page = mvc.perform(get("/p2p/veille/" + entry.id()).param("lang", "fr")
            .with(authentication(UsernamePasswordAuthenticationToken.authenticated(
                new Caller(0, "analyste.test", Role.ANALYST, null), null,
                List.of(new SimpleGrantedAuthority(Role.ANALYST.authority()))))))
        .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    String section = page.substring(page.indexOf("id=\"known-files\""));
    section = section.substring(0, section.indexOf("</section>"));
    assertTrue(section.contains("petit.bin") && section.contains(sha256)
        && section.contains("Jeu test P2P 2026.1, catégorie 1"), section);
    assertFalse(section.contains("grand.bin"), "a larger file's root is no file hash");

    byte[] v1 = TorrentBuilder.named("lot-v1").file(small, "a", "petit.bin")
        .pieceLength(32 * 1024).build();
    WatchEntry plain = ((Watchlist.Addition.Added) watchlist.add(new Watchlist.What.Torrent(v1),
        Provenance.parse("case:D-1"), ACTOR)).entry();
    assertTrue(matches.of(plain.id()).isEmpty(), "v1 carries no per-file hash");
  }
}
