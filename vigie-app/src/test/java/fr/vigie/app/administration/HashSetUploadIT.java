package fr.vigie.app.administration;

import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import fr.vigie.app.security.Caller;
import fr.vigie.app.security.Role;
import fr.vigie.app.support.TestDatabases;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/** Hash-set import from the administration page, read and recorded as the command does. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK)
@AutoConfigureMockMvc
class HashSetUploadIT {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabases.useFreshDatabase(registry);
  }

  @Autowired
  MockMvc mvc;

  @Autowired
  JdbcClient jdbc;

  private static UsernamePasswordAuthenticationToken as(Role role) {
    Caller caller = new Caller(0, "admin.empreintes", role, null);
    return UsernamePasswordAuthenticationToken.authenticated(caller, null,
        List.of(new SimpleGrantedAuthority(role.authority())));
  }

  private static final String MD5_A = "0123456789abcdef0123456789abcdef";
  private static final String MD5_B = "fedcba9876543210fedcba9876543210";

  private static MockMultipartFile csv(String body) {
    return new MockMultipartFile("file", "jeu.csv", "text/csv",
        body.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void importsACsvSetRecordedUnderTheAdministrator() throws Exception {
    mvc.perform(get("/administration/empreintes").with(authentication(as(Role.ADMIN))))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("Project VIC US")));
    mvc.perform(multipart("/administration/empreintes")
            .file(csv("md5,category\n" + MD5_A + ",1\n" + MD5_B + ",0\nzz,1\n"))
            .param("format", "csv").param("scheme", "us").param("name", "Jeu page")
            .param("version", "2026.1").with(csrf()).with(authentication(as(Role.ADMIN))))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString(
            "Jeu Jeu page version 2026.1 importé : 2 empreintes, 1 rejetées")));
    Map<String, Object> set = jdbc.sql("""
        select id, status, format, kind, authority from hash_sets
        where name = 'Jeu page' and version = '2026.1'
        """).query().singleRow();
    assertEquals("ACTIVE", set.get("status"));
    assertEquals("CSV", set.get("format"));
    assertEquals("NOTABLE", set.get("kind"));
    assertEquals("unspecified", set.get("authority"));
    Map<String, Object> entry = jdbc.sql("""
        select actor, action, detail from audit_log
        where object_type = 'hash_set' and object_id = ? order by id desc limit 1
        """).param(set.get("id").toString()).query().singleRow();
    assertEquals("admin.empreintes", entry.get("actor"));
    assertEquals("CREATE", entry.get("action"));
    assertEquals("imported Jeu page 2026.1 (CSV, NOTABLE, authority unspecified, scheme US): "
        + "2 entries, 1 rejected, 0 skipped", entry.get("detail"));

    mvc.perform(multipart("/administration/empreintes")
            .file(csv("md5,category\n" + MD5_A + ",1\n"))
            .param("format", "csv").param("scheme", "us").param("name", "Jeu page")
            .param("version", "2026.1").with(csrf()).with(authentication(as(Role.ADMIN))))
        .andExpect(content().string(containsString("déjà connu")));
  }

  @Test
  void refusesAMissingSchemeAndOtherRoles() throws Exception {
    mvc.perform(multipart("/administration/empreintes")
            .file(csv("md5,category\n" + MD5_A + ",1\n"))
            .param("format", "csv").param("name", "Sans schéma")
            .with(csrf()).with(authentication(as(Role.ADMIN))))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("jamais devinées")));
    mvc.perform(multipart("/administration/empreintes")
            .file(csv("md5,category\n" + MD5_A + ",1\n"))
            .param("format", "csv").param("scheme", "us").param("name", "Intrus")
            .with(csrf()).with(authentication(as(Role.ANALYST))))
        .andExpect(status().isForbidden());
    assertEquals(0L, jdbc.sql("select count(*) from hash_sets where name in "
        + "('Sans schéma', 'Intrus')").query(Long.class).single());
  }
}
