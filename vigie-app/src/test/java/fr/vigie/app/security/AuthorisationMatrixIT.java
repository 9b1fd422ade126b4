package fr.vigie.app.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import fr.vigie.app.support.TestDatabases;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Walks every endpoint of the application with every role and checks the answer against
 * {@link AccessMatrix}: allowed gives 200, refused gives 403. An
 * endpoint that names no permission fails here, and so does one with a path variable that has no
 * example below. Then the unit scope: an investigator asking for another unit's record by id gets
 * 404, as if it did not exist, and the attempt is on the audit record. Run once per database:
 * the scope is a clause of every query, and both databases must honour it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK,
    properties = {"vigie.demo.enabled=true", "vigie.demo.reports=200"})
@AutoConfigureMockMvc
class AuthorisationMatrixIT {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabases.useFreshDatabase(registry);
  }


  @Autowired
  MockMvc mvc;

  @Autowired
  JdbcClient jdbc;

  @Autowired
  UserAccounts accounts;

  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping mappings;

  /** One endpoint: method, pattern, and what guards it. */
  record Endpoint(RequestMethod method, String pattern, HandlerMethod handler) {

    Permission permission() {
      RequiresPermission onMethod = handler.getMethodAnnotation(RequiresPermission.class);
      if (onMethod != null) {
        return onMethod.value();
      }
      RequiresPermission onType = handler.getBeanType().getAnnotation(RequiresPermission.class);
      return onType == null ? null : onType.value();
    }

    boolean isPublic() {
      return handler.hasMethodAnnotation(PublicEndpoint.class);
    }

    boolean isSignInStep() {
      return handler.hasMethodAnnotation(SignInStep.class);
    }

    boolean isApi() {
      return pattern.startsWith("/api/");
    }

    @Override
    public String toString() {
      return method + " " + pattern;
    }
  }

  private List<Endpoint> endpoints() {
    List<Endpoint> endpoints = new ArrayList<>();
    for (Map.Entry<RequestMappingInfo, HandlerMethod> e : mappings.getHandlerMethods().entrySet()) {
      if (!e.getValue().getBeanType().getPackageName().startsWith("fr.vigie.")) {
        continue;
      }
      var methods = e.getKey().getMethodsCondition().getMethods();
      for (String pattern : e.getKey().getPatternValues()) {
        for (RequestMethod method : methods.isEmpty() ? List.of(RequestMethod.GET) : methods) {
          endpoints.add(new Endpoint(method, pattern, e.getValue()));
        }
      }
    }
    return endpoints;
  }

  /** A Lyon suspect, case and target: in the Lyon investigator's scope, not in Rennes'. */
  private Map<String, String> examples() {
    long lyon = unitId("OFMIN-LYON");
    Map<String, String> examples = new TreeMap<>();
    examples.put("/suspects/{id}", "/suspects/" + jdbc.sql(
        "select min(id) from suspects where unit_id = ?").param(lyon).query(Long.class).single());
    examples.put("/file-attente/{id}", "/file-attente/" + jdbc.sql(
        "select min(id) from suspects where unit_id = ?").param(lyon).query(Long.class).single());
    examples.put("/dossiers/{id}", "/dossiers/" + jdbc.sql(
        "select min(id) from cases where unit_id = ?").param(lyon).query(Long.class).single());
    examples.put("/dossiers/export/{id}", "/dossiers/export/" + jdbc.sql(
        "select min(id) from cases where unit_id = ?").param(lyon).query(Long.class).single());
    examples.put("/operations/cibles/{id}", "/operations/cibles/" + jdbc.sql(
        "select min(id) from targets where unit_id = ?").param(lyon).query(Long.class).single());
    // A Lyon requisition (attribution): its page, PDF and CSV are scoped like a case.
    jdbc.sql("""
        insert into requisitions (reference, operator_id, unit_id, legal_basis, procedure_type,
          procedure_ref, requesting_officer, status, created_by)
        select 'RQ-MATRIX-LYON', (select id from operators where code = 'ORANGE'), ?,
          'Article 60-1 du Code de procédure pénale', 'FLAGRANCE', 'PV matrice', 'OPJ matrice',
          'DRAFTED', 'matrix'
        where not exists (select 1 from requisitions where reference = 'RQ-MATRIX-LYON')
        """).param(lyon).update();
    long requisition = jdbc.sql("select id from requisitions where reference = 'RQ-MATRIX-LYON'")
        .query(Long.class).single();
    examples.put("/requisitions/{id}", "/requisitions/" + requisition);
    examples.put("/requisitions/pdf/{id}", "/requisitions/pdf/" + requisition);
    examples.put("/requisitions/csv/{id}", "/requisitions/csv/" + requisition);
    return examples;
  }

  /**
   * Records that belong to no unit (reports are the national office's, and so are their media):
   * every role holding the permission reads them, so they are walked by the matrix but not by
   * the unit-scope test.
   */
  private Map<String, String> unscopedExamples() {
    Map<String, String> examples = new TreeMap<>();
    long report = jdbc.sql("select min(id) from reports").query(Long.class).single();
    examples.put("/signalements/{id}", "/signalements/" + report);
    examples.put("/signalements/{id}/brut", "/signalements/" + report + "/brut");
    long media = jdbc.sql("select min(id) from media where content_ref is not null")
        .query(Long.class).single();
    examples.put("/media/{id}", "/media/" + media);
    examples.put("/media/{id}/vignette", "/media/" + media + "/vignette");
    examples.put("/media/{id}/reveler", "/media/" + media + "/reveler");
    examples.put("/media/revelation/{token}", "/media/revelation/never-issued");
    Long job = jdbc.sql("select min(id) from import_jobs").query(Long.class).optional()
        .orElse(null);
    if (job == null) {
      jdbc.sql("""
          insert into import_jobs (kind, origin, input_name, status, requested_by)
          values ('REPORTS', 'CLI', 'matrice.xml', 'DONE', 'matrice')
          """).update();
      job = jdbc.sql("select min(id) from import_jobs").query(Long.class).single();
    }
    Long reject = jdbc.sql("select min(id) from import_rejects").query(Long.class).optional()
        .orElse(null);
    if (reject == null) {
      jdbc.sql("""
          insert into import_rejects (job_id, input_name, line, col, field, reason, status)
          values (?, 'matrice.xml', 3, 5, 'cyberTip/@reportId', 'missing', 'QUARANTINED')
          """).param(job).update();
      reject = jdbc.sql("select min(id) from import_rejects").query(Long.class).single();
    }
    // A watched torrent and one observation of it (the P2P sensor's pages).
    jdbc.sql("""
        insert into p2p_sensors (name, public_key, created_by, created_at)
        select 'capteur-matrice', 'MCowBQYDK2VwAyEA' || repeat('A', 43) || '=', 'matrice', now()
        where not exists (select 1 from p2p_sensors where name = 'capteur-matrice')
        """).update();
    jdbc.sql("""
        insert into p2p_watch_entries (infohash, provenance_kind, provenance_ref, added_by,
          added_at)
        select repeat('ab', 20), 'CASE', 'D-MATRICE', 'matrice', now()
        where not exists (select 1 from p2p_watch_entries where infohash = repeat('ab', 20))
        """).update();
    long entry = jdbc.sql("select id from p2p_watch_entries where infohash = repeat('ab', 20)")
        .query(Long.class).single();
    jdbc.sql("""
        insert into p2p_observations (watch_entry_id, sensor_id, lead_source, remote_ip,
          remote_port, address_family, started_at, pieces_held, pieces_total, outcome,
          uploaded_bytes, signed_text, signed_sha256, signature, received_at, signature_valid)
        select ?, (select id from p2p_sensors where name = 'capteur-matrice'), 'explicit',
          '192.0.2.77', 6881, 4, now(), 0, 0, 'refused', 0, '{}', repeat('0', 64), 'AAAA', now(),
          true
        where not exists (select 1 from p2p_observations where signed_sha256 = repeat('0', 64))
        """).param(entry).update();
    examples.put("/p2p/veille/{id}", "/p2p/veille/" + entry);
    examples.put("/p2p/observations/{id}", "/p2p/observations/" + jdbc.sql(
        "select id from p2p_observations where signed_sha256 = repeat('0', 64)")
        .query(Long.class).single());
    examples.put("/imports/{id}", "/imports/" + job);
    // National figures (an investigator's are their unit's): no record to scope.
    examples.put("/statistiques/{table}.csv", "/statistiques/synthese.csv");
    examples.put("/api/intake/jobs/{id}", "/api/intake/jobs/" + job);
    examples.put("/imports/rejets/{id}", "/imports/rejets/" + reject);
    // An operation is every unit's to read (its targets are scoped on its page).
    examples.put("/operations/{id}", "/operations/" + jdbc.sql(
        "select min(operation_id) from targets").query(Long.class).single());
    // The briefing pack: a national role names the unit, an investigator gets their own.
    examples.put("/operations/{id}/dossier-objectifs.pdf", examples.get("/operations/{id}")
        + "/dossier-objectifs.pdf?unite=OFMIN-LYON");
    // Posted empty: the page answers with the error, the record stays quarantined.
    examples.put("/imports/rejets/{id}/reimport", "/imports/rejets/" + reject + "/reimport");
    examples.put("/imports/rejets/{id}/discard", "/imports/rejets/" + reject + "/discard");
    return examples;
  }

  /**
   * What an allowed caller gets where it is not 200: endpoints walked with an empty request
   * answer how they refuse that request, which shows that the permission check let it through.
   */
  private static int allowedAnswer(Endpoint endpoint) {
    if (endpoint.method() == RequestMethod.POST && endpoint.pattern().equals(
        "/api/intake/reports")) {
      return 415; // no Content-Type and no ?format=
    }
    if (endpoint.pattern().equals("/media/revelation/{token}")) {
      return 404; // a reveal link never issued is not found
    }
    if (endpoint.pattern().equals("/imports/{id}/cancel")) {
      return 302; // back to the job's page, which says it is no longer queued
    }
    if (endpoint.pattern().equals("/signalements/{id}/suivi")
        || endpoint.pattern().equals("/signalements/lot")) {
      return 302; // back to the report or the list, which says no change was asked
    }
    return 200;
  }

  /**
   * Example URLs of form endpoints (POST): only for the matrix walk, since the "another unit's
   * record" walk reads with GET. Posted empty, they answer the page again with the reason.
   */
  private Map<String, String> formExamples() {
    Map<String, String> examples = examples();
    String suspect = examples.get("/suspects/{id}");
    return Map.of("/suspects/{id}/fusion", suspect + "/fusion",
        "/suspects/{id}/scission", suspect + "/scission",
        "/suspects/{id}/liens/{linkId}/decision", suspect + "/liens/999999/decision",
        "/imports/{id}/cancel", unscopedExamples().get("/imports/{id}") + "/cancel",
        "/signalements/{id}/suivi", unscopedExamples().get("/signalements/{id}") + "/suivi",
        "/operations/{id}/cibles", unscopedExamples().get("/operations/{id}") + "/cibles");
  }

  private long unitId(String code) {
    return jdbc.sql("select id from units where code = ?").param(code).query(Long.class).single();
  }

  private UsernamePasswordAuthenticationToken as(Role role, String unitCode) {
    Caller caller = new Caller(0, "matrice." + role.name().toLowerCase(java.util.Locale.ROOT), role,
        unitCode == null ? null : unitId(unitCode));
    return UsernamePasswordAuthenticationToken.authenticated(caller, null,
        List.of(new SimpleGrantedAuthority(role.authority())));
  }

  private String sensorToken() {
    return accounts.issueToken("capteur.p2p", "matrix", Duration.ofHours(1));
  }

  @Test
  void everyEndpointNamesItsPermission() {
    List<String> unguarded = endpoints().stream()
        .filter(e -> e.permission() == null && !e.isPublic() && !e.isSignInStep())
        .map(Endpoint::toString).toList();
    assertTrue(unguarded.isEmpty(), "endpoints without @RequiresPermission, @PublicEndpoint or "
        + "@SignInStep (add one, and a row in AccessMatrix): " + unguarded);
    assertTrue(endpoints().size() >= 15, "found " + endpoints());
  }

  @Test
  void theAdministrationPagesAreWalkedAndNeedAdminister() {
    List<String> administration = endpoints().stream()
        .filter(e -> e.pattern().startsWith("/administration"))
        .filter(e -> e.permission() == Permission.ADMINISTER)
        .map(e -> e.method() + " " + e.pattern()).sorted().toList();
    assertEquals(List.of("GET /administration", "POST /administration/utilisateurs",
        "POST /administration/utilisateurs/activation", "POST /administration/utilisateurs/role",
        "POST /administration/utilisateurs/totp", "GET /administration/unites",
        "POST /administration/unites/couverture", "GET /administration/empreintes",
        "POST /administration/empreintes").stream().sorted().toList(), administration);
  }

  @TestFactory
  Stream<DynamicTest> everyRoleGetsWhatTheMatrixSaysOnEveryEndpoint() {
    Map<String, String> examples = new TreeMap<>(examples());
    examples.putAll(unscopedExamples());
    examples.putAll(formExamples());
    String token = sensorToken();
    List<DynamicTest> tests = new ArrayList<>();
    for (Endpoint endpoint : endpoints()) {
      if (endpoint.isSignInStep()) {
        continue; // guarded by the filter chain for half-signed-in sessions; see SignInContract
      }
      String url = endpoint.pattern().contains("{") ? examples.get(endpoint.pattern())
          : endpoint.pattern();
      tests.add(DynamicTest.dynamicTest(endpoint + " has an example URL", () ->
          assertTrue(url != null, "add an example URL for " + endpoint + " in examples()")));
      if (url == null) {
        continue;
      }
      for (Role role : Role.values()) {
        String unit = role == Role.INVESTIGATOR ? "OFMIN-LYON" : null;
        tests.add(DynamicTest.dynamicTest(endpoint + " as " + role, () -> {
          int expected;
          MockHttpServletRequestBuilder request =
              MockMvcRequestBuilders.request(endpoint.method().asHttpMethod(), url);
          if (endpoint.isApi() && role == Role.SENSOR) {
            // The sensor's real credential; people's sessions do not open the API at all
            // (SignInIT), so here they stand as if authenticated to check the matrix.
            request.header("Authorization", "Bearer " + token);
            expected = AccessMatrix.allows(role, endpoint.permission())
                ? allowedAnswer(endpoint) : 403;
          } else if (endpoint.isApi()) {
            request.with(authentication(as(role, unit)));
            expected = AccessMatrix.allows(role, endpoint.permission())
                ? allowedAnswer(endpoint) : 403;
          } else {
            request.with(authentication(as(role, unit))).with(csrf());
            expected = endpoint.isPublic() || AccessMatrix.allows(role, endpoint.permission())
                ? allowedAnswer(endpoint) : 403;
          }
          int status = mvc.perform(request).andReturn().getResponse().getStatus();
          assertEquals(expected, status, endpoint + " as " + role + " (" + url + ")");
        }));
      }
    }
    return tests.stream();
  }

  @TestFactory
  Stream<DynamicTest> anotherUnitsRecordIsNotFoundAndTheAttemptIsRecorded() {
    return examples().entrySet().stream().map(example -> DynamicTest.dynamicTest(
        example.getKey() + " from Rennes", () -> {
          String url = example.getValue();
          long id = Long.parseLong(url.substring(url.lastIndexOf('/') + 1));
          long before = jdbc.sql("select count(*) from audit_log").query(Long.class).single();
          int rennes = mvc.perform(MockMvcRequestBuilders.get(url)
              .with(authentication(as(Role.INVESTIGATOR, "OFMIN-RENNES"))))
              .andReturn().getResponse().getStatus();
          assertEquals(404, rennes, url);
          int missing = mvc.perform(MockMvcRequestBuilders.get(url.replaceAll("\\d+$", "999999"))
              .with(authentication(as(Role.INVESTIGATOR, "OFMIN-RENNES"))))
              .andReturn().getResponse().getStatus();
          assertEquals(404, missing, "a record that does not exist answers the same");
          var entry = jdbc.sql("""
                  select actor, action, object_id, outcome, scope_unit_id from audit_log
                  where id = (select min(id) from audit_log where id > ?)
                  """).param(before)
              .query((rs, n) -> List.of(rs.getString("actor"), rs.getString("action"),
                  rs.getString("object_id"), rs.getString("outcome"),
                  rs.getLong("scope_unit_id")))
              .single();
          assertEquals(List.of("matrice.investigator", "READ", Long.toString(id), "DENIED",
              unitId("OFMIN-LYON")), entry);
          // The Lyon investigator reads it, and that read is on the record too.
          int lyon = mvc.perform(MockMvcRequestBuilders.get(url)
              .with(authentication(as(Role.INVESTIGATOR, "OFMIN-LYON"))))
              .andReturn().getResponse().getStatus();
          assertEquals(200, lyon, url);
        }));
  }

  @Test
  void listsShowAnInvestigatorOnlyTheirUnitsRecords() throws Exception {
    long lyonSuspects = jdbc.sql("select count(*) from suspects where unit_id = ?")
        .param(unitId("OFMIN-LYON")).query(Long.class).single();
    long allSuspects = jdbc.sql("select count(*) from suspects").query(Long.class).single();
    assertTrue(lyonSuspects > 0 && lyonSuspects < allSuspects);
    String lyonPage = mvc.perform(MockMvcRequestBuilders.get("/suspects")
            .with(authentication(as(Role.INVESTIGATOR, "OFMIN-LYON"))))
        .andReturn().getResponse().getContentAsString();
    assertTrue(lyonPage.contains(lyonSuspects + " suspect(s)"), lyonPage);
    String nationalPage = mvc.perform(MockMvcRequestBuilders.get("/suspects")
            .with(authentication(as(Role.ANALYST, "OFMIN"))))
        .andReturn().getResponse().getContentAsString();
    assertTrue(nationalPage.contains(allSuspects + " suspect(s)"), nationalPage);
    for (String reference : jdbc.sql("""
        select reference from suspects where unit_id <> ? or unit_id is null
        """).param(unitId("OFMIN-LYON")).query(String.class).list()) {
      assertTrue(!lyonPage.contains(reference), reference + " is not Lyon's");
    }
  }

  /** The lists' CSV exports are scoped exactly as the lists: Lyon's, never another unit's. */
  @Test
  void listExportsGiveAnInvestigatorOnlyTheirUnitsRecords() throws Exception {
    long lyon = unitId("OFMIN-LYON");
    Map<String, List<String>> elsewhere = Map.of(
        "/suspects/export.csv", jdbc.sql("""
            select reference from suspects where (unit_id <> ? or unit_id is null)
              and status <> 'MERGED'""").param(lyon).query(String.class).list(),
        "/file-attente/export.csv", jdbc.sql("""
            select reference from suspects where (unit_id <> ? or unit_id is null)
              and status <> 'MERGED'""").param(lyon).query(String.class).list(),
        "/dossiers/export.csv", jdbc.sql(
            "select reference from cases where unit_id <> ? or unit_id is null").param(lyon)
            .query(String.class).list(),
        "/requisitions/export.csv", jdbc.sql(
            "select reference from requisitions where unit_id <> ? or unit_id is null")
            .param(lyon).query(String.class).list());
    // Two lists whose national export must hold more than Lyon's (the demo has both).
    java.util.Set<String> national = java.util.Set.of("/suspects/export.csv",
        "/dossiers/export.csv");
    for (var e : elsewhere.entrySet()) {
      String csv = mvc.perform(MockMvcRequestBuilders.get(e.getKey())
              .with(authentication(as(Role.INVESTIGATOR, "OFMIN-LYON"))))
          .andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
      java.util.Set<String> cells = new java.util.HashSet<>();
      csv.lines().skip(1).forEach(l -> cells.addAll(List.of(l.split(",", -1))));
      for (String reference : e.getValue()) {
        assertTrue(!cells.contains(reference), e.getKey() + ": " + reference
            + " is not Lyon's");
      }
      if (national.contains(e.getKey())) {
        String all = mvc.perform(MockMvcRequestBuilders.get(e.getKey())
                .with(authentication(as(Role.ANALYST, "OFMIN"))))
            .andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(csv.lines().count() < all.lines().count(), e.getKey());
      }
    }
  }
}
