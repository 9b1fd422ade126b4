package fr.vigie.app.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import fr.vigie.app.demo.DemoImages;
import fr.vigie.app.matching.MediaMatching;
import fr.vigie.app.security.Caller;
import fr.vigie.app.security.Role;
import fr.vigie.app.support.TestDatabases;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The media page for tired eyes: facts and matches, a thumbnail that is always grey and blurred
 * and never cached, no content said plainly, and the clear picture only after a reveal with a
 * typed reason by a role that may, on the audit record, through a link that works once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK,
    properties = {"vigie.demo.enabled=true", "vigie.demo.reports=" + MediaPageIT.REPORTS,
        "vigie.demo.images=" + MediaPageIT.IMAGES, "vigie.jobs.worker-enabled=false"})
@AutoConfigureMockMvc
class MediaPageIT {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabases.useFreshDatabase(registry);
  }


  static final int REPORTS = 60;
  static final int IMAGES = 4;
  static final String REASON = "Vérification du classement avant transmission";

  @Autowired
  MockMvc mvc;

  @Autowired
  JdbcClient jdbc;

  @Autowired
  MediaMatching matching;

  static RequestPostProcessor as(Role role, String username) {
    return authentication(UsernamePasswordAuthenticationToken.authenticated(
        new Caller(0, username, role, null), null,
        List.of(new SimpleGrantedAuthority(role.authority()))));
  }

  /** The demo media with a generated picture, in id order: the n-th has DemoImages.draw(n). */
  private List<Long> withPicture() {
    List<Long> ids = jdbc.sql("select id from media where content_ref is not null order by id")
        .query(Long.class).list();
    assertEquals(IMAGES, ids.size());
    return ids;
  }

  private long auditCount(String action, String objectId) {
    return jdbc.sql("select count(*) from audit_log where action = ? and object_id = ?")
        .params(action, objectId).query(Long.class).single();
  }

  private String page(long id, RequestPostProcessor who) throws Exception {
    MockHttpServletResponse r = mvc.perform(get("/media/" + id).with(who)).andReturn()
        .getResponse();
    assertEquals(200, r.getStatus());
    return r.getContentAsString();
  }

  private String reveal(long id, String reason, RequestPostProcessor who) throws Exception {
    MockHttpServletResponse r = mvc.perform(post("/media/" + id + "/reveler").with(who)
        .with(csrf()).param("reason", reason)).andReturn().getResponse();
    assertEquals(200, r.getStatus());
    return r.getContentAsString();
  }

  private static String token(String html) {
    Matcher m = Pattern.compile("/media/revelation/([A-Za-z0-9_-]+)").matcher(html);
    assertTrue(m.find(), "no reveal link in the page");
    return m.group(1);
  }

  @Test
  void showsFactsMatchesAndABlurredThumbnailAndRecordsTheRead() throws Exception {
    matching.matchAll();
    long id = withPicture().getFirst();
    String html = page(id, as(Role.ANALYST, "analyste"));
    assertTrue(html.contains("/media/" + id + "/vignette"), html);
    assertTrue(html.contains("Vignette floutée"), html);
    assertTrue(html.contains("contenu inconnu"), "a generated picture is in no set: " + html);
    String sha = jdbc.sql("select sha256 from media where id = ?").param(id)
        .query(String.class).single();
    assertTrue(html.contains(sha), html);
    assertFalse(html.contains("/media/revelation/"), "nothing in clear without a reveal");
    assertEquals(1, jdbc.sql("""
        select count(*) from audit_log where action = 'READ' and object_type = 'media'
          and object_id = ? and actor = 'analyste'
        """).param(Long.toString(id)).query(Long.class).single());
    assertTrue(page(id, as(Role.ANALYST, "analyste")).contains("Révéler l’image"));

    String english = mvc.perform(get("/media/" + id).param("lang", "en")
        .with(as(Role.ANALYST, "analyste"))).andReturn().getResponse().getContentAsString();
    assertTrue(english.contains("Blurred greyscale thumbnail"), english);

    // A known file shows its match: set, algorithm, distance, category.
    long known = jdbc.sql("select min(media_id) from matches where active").query(Long.class)
        .single();
    String knownPage = page(known, as(Role.ANALYST, "analyste"));
    assertTrue(knownPage.contains("Démo — jeu de référence synthétique"), knownPage);
    assertTrue(knownPage.contains("SHA256") || knownPage.contains("MD5"), knownPage);
    assertTrue(knownPage.contains("connu (jeu d’empreintes)"), knownPage);
  }

  @Test
  void theThumbnailIsGreyBlurredAndNeverCached() throws Exception {
    List<Long> ids = withPicture();
    for (int n = 0; n < ids.size(); n++) {
      MockHttpServletResponse r = mvc.perform(get("/media/" + ids.get(n) + "/vignette")
          .with(as(Role.INVESTIGATOR, "enqueteur.lyon"))).andReturn().getResponse();
      assertEquals(200, r.getStatus());
      assertEquals("image/png", r.getContentType());
      assertTrue(r.getHeader("Cache-Control").contains("no-store"), r.getHeader("Cache-Control"));
      BufferedImage thumb = ImageIO.read(new ByteArrayInputStream(r.getContentAsByteArray()));
      assertTrue(Pixels.grey(thumb), "every pixel grey");
      BufferedImage original = Pixels.scaled(DemoImages.draw(n), thumb.getWidth(),
          thumb.getHeight());
      double blurred = Pixels.highFrequency(thumb);
      double sharp = Pixels.highFrequency(original);
      assertTrue(blurred < sharp / 8, blurred + " vs " + sharp);
    }
  }

  @Test
  void everyThumbnailServedLeavesAReadOnTheRecord() throws Exception {
    long id = withPicture().getFirst();
    String thumbnailReads = """
        select count(*) from audit_log where action = 'READ' and object_type = 'media'
          and object_id = ? and actor = 'enqueteur.vignette' and outcome = 'SUCCESS'
          and detail = 'thumbnail (blurred, greyscale)'
        """;
    for (int n = 1; n <= 3; n++) {
      assertEquals(200, mvc.perform(get("/media/" + id + "/vignette")
          .with(as(Role.INVESTIGATOR, "enqueteur.vignette"))).andReturn().getResponse()
          .getStatus());
      assertEquals(n, jdbc.sql(thumbnailReads).param(Long.toString(id)).query(Long.class)
          .single(), "one entry per thumbnail served");
    }
    long none = jdbc.sql("select min(id) from media where content_ref is null").query(Long.class)
        .single();
    assertEquals(404, mvc.perform(get("/media/" + none + "/vignette")
        .with(as(Role.INVESTIGATOR, "enqueteur.vignette"))).andReturn().getResponse()
        .getStatus());
    assertEquals(1, jdbc.sql("""
        select count(*) from audit_log where action = 'READ' and object_type = 'media'
          and object_id = ? and actor = 'enqueteur.vignette' and outcome = 'NOT_FOUND'
        """).param(Long.toString(none)).query(Long.class).single(),
        "asked for and not served is on the record too");
  }

  @Test
  void mediaWithoutContentSaySoAndHaveNoThumbnailNorReveal() throws Exception {
    long id = jdbc.sql("select min(id) from media where content_ref is null").query(Long.class)
        .single();
    String html = page(id, as(Role.ANALYST, "analyste"));
    assertTrue(html.contains("Aucun contenu conservé pour ce fichier"), html);
    assertFalse(html.contains("/vignette"), html);
    assertFalse(html.contains("/reveler"), html);
    assertEquals(404, mvc.perform(get("/media/" + id + "/vignette")
        .with(as(Role.ANALYST, "analyste"))).andReturn().getResponse().getStatus());
    assertTrue(reveal(id, REASON, as(Role.ANALYST, "analyste"))
        .contains("Aucune image conservée à révéler"));
    assertEquals(0, auditCount("REVEAL_MEDIA", Long.toString(id)));
    assertEquals(404, mvc.perform(get("/media/99999999").with(as(Role.ANALYST, "analyste")))
        .andReturn().getResponse().getStatus());
  }

  @Test
  void revealNeedsTheRightAndAReasonIsAuditedAndItsLinkWorksOnce() throws Exception {
    List<Long> ids = withPicture();
    long id = ids.get(1);
    // A role without MEDIA_REVEAL sees the blurred thumbnail and no way to reveal.
    assertTrue(page(id, as(Role.AUDITOR, "auditeur")).contains("ne permet pas de révéler"));
    assertEquals(403, mvc.perform(post("/media/" + id + "/reveler").with(csrf())
            .with(as(Role.AUDITOR, "auditeur")).param("reason", REASON))
        .andReturn().getResponse().getStatus());

    // Too short a reason: said so, nothing revealed, nothing issued.
    String refused = reveal(id, "  parce que ", as(Role.SUPERVISOR, "superviseur"));
    assertTrue(refused.contains("Indiquez un motif d’au moins 15 caractères"), refused);
    assertFalse(refused.contains("/media/revelation/"));
    assertEquals(0, auditCount("REVEAL_MEDIA", Long.toString(id)));
    assertEquals(0L, jdbc.sql("select count(*) from media_reveals").query(Long.class).single());

    String shown = reveal(id, REASON, as(Role.SUPERVISOR, "superviseur"));
    String token = token(shown);
    assertTrue(shown.contains("data-seconds=\"20\""), shown);
    var entry = jdbc.sql("""
        select actor, actor_role, reason, object_type from audit_log
        where action = 'REVEAL_MEDIA' and object_id = ?
        """).param(Long.toString(id)).query().singleRow();
    assertEquals("superviseur", entry.get("actor"));
    assertEquals("SUPERVISOR", entry.get("actor_role"));
    assertEquals(REASON, entry.get("reason"));
    assertEquals("media", entry.get("object_type"));
    assertFalse(jdbc.sql("select token_sha256 from media_reveals").query(String.class).single()
        .contains(token), "only the token's hash is kept");

    // Someone else cannot use it (and does not spend it).
    assertEquals(404, mvc.perform(get("/media/revelation/" + token)
        .with(as(Role.ANALYST, "analyste"))).andReturn().getResponse().getStatus());
    MockHttpServletResponse clear = mvc.perform(get("/media/revelation/" + token)
        .with(as(Role.SUPERVISOR, "superviseur"))).andReturn().getResponse();
    assertEquals(200, clear.getStatus());
    assertEquals("image/png", clear.getContentType());
    assertTrue(clear.getHeader("Cache-Control").contains("no-store"));
    BufferedImage picture = ImageIO.read(new ByteArrayInputStream(clear.getContentAsByteArray()));
    assertEquals(DemoImages.WIDTH, picture.getWidth());
    assertTrue(hasColour(picture), "the revealed picture is in colour");
    assertEquals(404, mvc.perform(get("/media/revelation/" + token)
            .with(as(Role.SUPERVISOR, "superviseur"))).andReturn().getResponse().getStatus(),
        "a second GET of the same link fails");

    // One at a time: a new reveal revokes the holder's earlier unused link.
    String first = token(reveal(ids.get(2), REASON, as(Role.SUPERVISOR, "superviseur")));
    String second = token(reveal(ids.get(3), REASON, as(Role.SUPERVISOR, "superviseur")));
    assertEquals(404, mvc.perform(get("/media/revelation/" + first)
        .with(as(Role.SUPERVISOR, "superviseur"))).andReturn().getResponse().getStatus());
    assertEquals(200, mvc.perform(get("/media/revelation/" + second)
        .with(as(Role.SUPERVISOR, "superviseur"))).andReturn().getResponse().getStatus());
    assertEquals(404, mvc.perform(get("/media/revelation/not-a-token")
        .with(as(Role.SUPERVISOR, "superviseur"))).andReturn().getResponse().getStatus());
  }

  private static boolean hasColour(BufferedImage image) {
    for (int y = 0; y < image.getHeight(); y += 7) {
      for (int x = 0; x < image.getWidth(); x += 7) {
        int rgb = image.getRGB(x, y);
        if (Math.abs(((rgb >> 16) & 0xFF) - (rgb & 0xFF)) > 40) {
          return true;
        }
      }
    }
    return false;
  }
}
