package fr.vigie.app.search;

import static fr.vigie.app.storage.Timestamps.utc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import fr.vigie.app.security.Access;
import fr.vigie.app.security.Caller;
import fr.vigie.app.security.Role;
import fr.vigie.app.support.TestDatabases;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The search box finds each kind of record by what an investigator types (IP address or range,
 * hash, phone, e-mail, name, references), links each hit to its page, and keeps another unit's
 * suspects and requisitions out.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK)
@AutoConfigureMockMvc
class SearchIT {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabases.useFreshDatabase(registry);
  }

  private static final Instant T0 = Instant.parse("2026-10-01T08:00:00Z");

  @Autowired
  JdbcClient jdbc;

  @Autowired
  Search search;

  @Autowired
  MockMvc mvc;

  private String tag;
  private long report;
  private long media;
  private long suspect;
  private long requisition;
  private String md5;
  private String sha1;
  private String sha256;
  private String pdq;

  /** One Lyon record of each kind, all sharing a unique tag. */
  @BeforeEach
  void plant() {
    tag = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    jdbc.sql("""
        insert into sources (code, name, kind) select 'TEST-SEARCH', 'Tests', 'MANUAL'
        where not exists (select 1 from sources where code = 'TEST-SEARCH')
        """).update();
    report = jdbc.sql("""
        insert into reports (source_id, external_id, content_sha256, incident_type, received_at,
                             raw_format)
        values ((select id from sources where code = 'TEST-SEARCH'), ?, ?,
                'Child Pornography (possession, manufacture, and distribution)', ?, 'DEMO')
        returning id
        """).params("CT-" + tag, "0".repeat(56) + tag, utc(T0)).query(Long.class).single();
    // a unique address per test: 198.51.100.x (IPv4) and 2001:db8:<tag>::7 (IPv6)
    int octet = Math.floorMod(tag.hashCode(), 250) + 1;
    String v6 = "2001:db8:" + tag.substring(0, 4) + ":" + tag.substring(4) + "::7";
    jdbc.sql("""
        insert into ip_events (report_id, ip_original, ip, ip_version, port, occurred_at)
        values (?, ?, ?, 4, 40123, ?), (?, ?, ?, 6, null, ?)
        """).params(report, "198.51.100." + octet, "198.51.100." + octet, utc(T0),
            report, v6.toUpperCase(Locale.ROOT), v6, utc(T0)).update();
    jdbc.sql("""
        insert into reported_identifiers (report_id, kind, original_value, normalized_value,
                                          canonical_key)
        values (?, 'PHONE', ?, ?, ?)
        """).params(report, "06 12 " + digits(), "+33612" + digits(), "+33612" + digits())
        .update();
    jdbc.sql("""
        insert into report_persons (report_id, role, first_name, last_name)
        values (?, 'REPORTED', 'Camille', ?)
        """).params(report, "Verdier" + tag).update();
    md5 = tag.repeat(4);
    sha1 = tag.repeat(5);
    sha256 = tag.repeat(8);
    pdq = new StringBuilder(sha256).reverse().toString();
    media = jdbc.sql("""
        insert into media (report_id, file_name, md5, sha1, sha256, pdq, status)
        values (?, ?, ?, ?, ?, ?, 'UNKNOWN_MATERIAL') returning id
        """).params(report, "img-" + tag + ".jpg", md5, sha1, sha256, pdq).query(Long.class)
        .single();
    suspect = jdbc.sql("""
        insert into suspects (reference, display_name, unit_id, departement_code, status)
        values (?, ?, (select id from units where code = 'OFMIN-LYON'), '69', 'ACTIVE')
        returning id
        """).params("S-T-" + tag.toUpperCase(Locale.ROOT), "Camille Verdier" + tag)
        .query(Long.class).single();
    jdbc.sql("""
        insert into suspect_identifiers (suspect_id, kind, canonical_key, first_seen_at)
        values (?, 'EMAIL', ?, ?), (?, 'PHONE', ?, ?)
        """).params(suspect, "camille." + tag + "@example.org", utc(T0),
            suspect, "+33612" + digits(), utc(T0)).update();
    jdbc.sql("""
        insert into operators (code, name) select 'OP-SEARCH', 'Opérateur test'
        where not exists (select 1 from operators where code = 'OP-SEARCH')
        """).update();
    requisition = jdbc.sql("""
        insert into requisitions (reference, operator_id, unit_id, legal_basis,
                                  requesting_officer, status, created_by)
        values (?, (select id from operators where code = 'OP-SEARCH'),
                (select id from units where code = 'OFMIN-LYON'), 'Art. 77-1-1 CPP',
                'OPJ Test', 'DRAFTED', 'analyste.test') returning id
        """).param("REQ-T-" + tag.toUpperCase(Locale.ROOT)).query(Long.class).single();
  }

  /** Six digits from the tag, so that each test's phone number is its own. */
  private String digits() {
    return String.format("%06d", Math.floorMod(tag.hashCode(), 1_000_000));
  }

  private static Access analyst() {
    return new Access(new Caller(0, "analyste.test", Role.ANALYST, null), "192.0.2.10");
  }

  private Access investigatorOf(String unit) {
    long id = jdbc.sql("select id from units where code = ?").param(unit).query(Long.class)
        .single();
    return new Access(new Caller(0, "enqueteur.test", Role.INVESTIGATOR, id), "192.0.2.11");
  }

  private static List<Long> ids(List<SearchHit> hits) {
    return hits.stream().map(SearchHit::id).toList();
  }

  @Test
  void anIpAddressOrRangeFindsTheReportOfItsEvent() {
    int octet = Math.floorMod(tag.hashCode(), 250) + 1;
    assertTrue(ids(search.search(analyst(), "198.51.100." + octet).reports()).contains(report));
    assertTrue(ids(search.search(analyst(), "198.51.100.0/24").reports()).contains(report));
    assertTrue(search.search(analyst(), "198.51.100." + (octet == 1 ? 2 : octet - 1))
        .reports().stream().noneMatch(h -> h.id() == report), "another address");
    String v6 = "2001:db8:" + tag.substring(0, 4) + ":" + tag.substring(4);
    String expanded = "2001:0DB8:" + tag.substring(0, 4) + ":" + tag.substring(4) + ":0:0:0:7";
    SearchResults byV6 = search.search(analyst(), expanded);
    assertTrue(ids(byV6.reports()).contains(report), byV6.toString());
    assertEquals("/signalements/" + report, byV6.reports().get(0).path());
    assertTrue(ids(search.search(analyst(), v6 + "::/64").reports()).contains(report));
    assertTrue(ids(search.search(analyst(), "2001:db8::/32").reports()).contains(report));
    assertTrue(search.search(analyst(), "2001:db9::/32").reports().isEmpty());
  }

  @Test
  void eachHashFindsTheMedia() {
    for (String hash : List.of(md5, sha1, sha256, pdq, md5.toUpperCase(Locale.ROOT))) {
      SearchResults found = search.search(analyst(), hash);
      assertEquals(List.of(media), ids(found.media()), hash);
      assertEquals("/media/" + media, found.media().get(0).path());
    }
    assertEquals("PDQ", search.search(analyst(), pdq).media().get(0).why());
    assertTrue(search.search(analyst(), md5.substring(1) + "0").media().isEmpty());
  }

  @Test
  void aHashSetEntrysPdqFindsTheMediaMatchingFoundNearIt() {
    String set = "Jeu test " + tag;
    long setId = jdbc.sql("""
        insert into hash_sets (name, version, format, kind, authority, status, imported_by)
        values (?, '1', 'DEMO', 'NOTABLE', 'Tests', 'ACTIVE', 'analyste.test') returning id
        """).param(set).query(Long.class).single();
    String near = "e".repeat(56) + tag;
    long entry = jdbc.sql("""
        insert into hash_entries (set_id, algorithm, hash_value, category)
        values (?, 'PDQ', ?, 3) returning id
        """).params(setId, near).query(Long.class).single();
    assertTrue(search.search(analyst(), near).media().isEmpty(), "not matched yet");
    jdbc.sql("""
        insert into matches (media_id, entry_id, set_id, algorithm, distance, category, matched_at)
        values (?, ?, ?, 'PDQ', 12, 3, ?)
        """).params(media, entry, setId, utc(T0)).update();
    SearchResults found = search.search(analyst(), near.toUpperCase(Locale.ROOT));
    assertEquals(List.of(media), ids(found.media()), found.toString());
    assertEquals(set + " — PDQ, distance 12", found.media().get(0).why());
    assertEquals("/media/" + media, found.media().get(0).path());
  }

  @Test
  void aPhoneAsTypedFindsTheReportAndTheSuspect() {
    String d = digits();
    String national = "06 12 " + d.substring(0, 2) + " " + d.substring(2, 4) + " "
        + d.substring(4);
    for (String typed : List.of(national, "+33612" + d, "0033 612" + d)) {
      SearchResults found = search.search(analyst(), typed);
      assertTrue(ids(found.reports()).contains(report), typed + " " + found);
      assertTrue(ids(found.suspects()).contains(suspect), typed + " " + found);
    }
    assertTrue(search.search(investigatorOf("OFMIN-RENNES"), national).suspects().isEmpty());
  }

  @Test
  void namesEmailsAndReferencesFindTheirRecords() {
    Access lyon = investigatorOf("OFMIN-LYON");
    SearchResults byEmail = search.search(lyon, "Camille." + tag + "@Example.org");
    assertEquals(List.of(suspect), ids(byEmail.suspects()));
    assertEquals("/suspects/" + suspect, byEmail.suspects().get(0).path());
    assertTrue(ids(search.search(lyon, "verdier" + tag).reports()).contains(report));
    assertTrue(ids(search.search(lyon, "camille verdier" + tag).suspects()).contains(suspect));
    assertTrue(ids(search.search(lyon, "CT-" + tag).reports()).contains(report));
    assertTrue(ids(search.search(lyon, "s-t-" + tag).suspects()).contains(suspect));
    SearchResults byRequisition = search.search(lyon, "req-t-" + tag);
    assertEquals(List.of(requisition), ids(byRequisition.requisitions()));
    assertEquals("/requisitions/" + requisition, byRequisition.requisitions().get(0).path());
    assertEquals(List.of(requisition), ids(search.search(analyst(), "REQ-T-" + tag)
        .requisitions()), "the central office sees every unit's");
  }

  @Test
  void anotherUnitsSuspectsAndRequisitionsAreNotFound() {
    Access rennes = investigatorOf("OFMIN-RENNES");
    assertTrue(search.search(rennes, "camille." + tag + "@example.org").suspects().isEmpty());
    assertTrue(search.search(rennes, "S-T-" + tag).suspects().isEmpty());
    assertTrue(search.search(rennes, "REQ-T-" + tag).requisitions().isEmpty());
    assertTrue(search.search(rennes, "REQ-T-" + tag).isEmpty());
  }

  @Test
  void thePageLinksEveryHitAndNamesEachKindInFrenchAndEnglish() throws Exception {
    var auth = UsernamePasswordAuthenticationToken.authenticated(analyst().caller(), null,
        List.of(new SimpleGrantedAuthority("ROLE_ANALYST")));
    String byHash = mvc.perform(get("/recherche").param("q", sha256).with(authentication(auth)))
        .andReturn().getResponse().getContentAsString();
    assertTrue(byHash.contains("href=\"/media/" + media + "\""), byHash);
    assertTrue(byHash.contains(">Médias</h2>"), byHash);
    assertTrue(byHash.contains("signalement CT-" + tag), byHash);
    String byIp = mvc.perform(get("/recherche").param("q", "198.51.100.0/24")
            .with(authentication(auth)))
        .andReturn().getResponse().getContentAsString();
    assertTrue(byIp.contains("href=\"/signalements/" + report + "\""), byIp);
    String byRef = mvc.perform(get("/recherche").param("q", "REQ-T-" + tag)
            .param("lang", "en").with(authentication(auth)))
        .andReturn().getResponse().getContentAsString();
    assertTrue(byRef.contains("href=\"/requisitions/" + requisition + "\""), byRef);
    assertTrue(byRef.contains(">Requisitions</h2>"), byRef);
  }
}
