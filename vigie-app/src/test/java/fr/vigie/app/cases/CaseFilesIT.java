package fr.vigie.app.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import fr.vigie.app.search.Search;
import fr.vigie.app.search.SearchHit;
import fr.vigie.app.search.SearchResults;
import fr.vigie.app.security.Access;
import fr.vigie.app.support.TestDatabases;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openpdf.text.pdf.PdfReader;
import org.openpdf.text.pdf.parser.PdfTextExtractor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * Case files end to end on one database: the lifecycle and its preconditions, notes and tasks,
 * write-once exhibits, the PDF export read back page by page with its stable manifest hash, and
 * the search box with its unit scope. Run once per database by the subclasses.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK)
@AutoConfigureMockMvc
class CaseFilesIT {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabases.useFreshDatabase(registry);
  }


  @Autowired
  JdbcClient jdbc;

  @Autowired
  Cases cases;

  @Autowired
  CaseExhibits exhibits;

  @Autowired
  CaseExport export;

  @Autowired
  Search search;

  @Autowired
  MockMvc mvc;

  @Value("${vigie.home}")
  String home;

  CaseFixture fixture;

  @BeforeEach
  void fixture() {
    fixture = new CaseFixture(jdbc);
  }

  private long openFor(CaseFixture.Planted p) {
    return cases.openFor(CaseFixture.analyst(), List.of(p.suspectId()), null).orElseThrow();
  }

  private Transition move(long id, CaseStatus to) {
    return cases.move(CaseFixture.analyst(), id, to, null, null).orElseThrow();
  }

  private List<String> timelineKinds(long id) {
    return jdbc.sql("select kind from case_events where case_id = ? order by occurred_at, id")
        .param(id).query(String.class).list();
  }

  private long auditCount(String detailLike) {
    return jdbc.sql("select count(*) from audit_log where object_type = 'case' and detail like ?")
        .param(detailLike).query(Long.class).single();
  }

  @Test
  void aCaseMovesStepByStepAndIsRefusedWithEveryReasonWhenPreconditionsFail() {
    CaseFixture.Planted p = fixture.suspect(null, "Martin");
    long id = openFor(p);
    assertEquals("OPEN", cases.find(CaseFixture.analyst(), id).orElseThrow().status());

    Transition skip = move(id, CaseStatus.IN_OPERATION);
    assertEquals(List.of("case.refused.order"), codes(skip));

    assertInstanceOf(Transition.Moved.class, move(id, CaseStatus.IDENTIFICATION));

    // Neither an identified subscriber nor a responsible unit (the suspect is unassigned).
    Transition refused = move(id, CaseStatus.READY_FOR_ACTION);
    assertEquals(List.of("case.refused.noSubscriber", "case.refused.noUnit"), codes(refused));
    assertEquals("IDENTIFICATION", cases.find(CaseFixture.analyst(), id).orElseThrow().status());
    assertTrue(auditCount("refused IDENTIFICATION -> READY_FOR_ACTION%") >= 1);

    fixture.identifiedSubscriber(p, "Jean Martin");
    assertEquals(List.of("case.refused.noUnit"), codes(move(id, CaseStatus.READY_FOR_ACTION)));
    assertTrue(cases.assignUnit(CaseFixture.analyst(), id, "OFMIN-LYON"));
    assertEquals(new Transition.Moved(CaseStatus.IDENTIFICATION, CaseStatus.READY_FOR_ACTION),
        move(id, CaseStatus.READY_FOR_ACTION));
    assertInstanceOf(Transition.Moved.class, move(id, CaseStatus.IN_OPERATION));

    assertEquals(List.of("case.refused.noOutcome"), codes(move(id, CaseStatus.CLOSED)));
    assertInstanceOf(Transition.Moved.class, cases.move(CaseFixture.analyst(), id,
        CaseStatus.CLOSED, CaseOutcome.PROSECUTION, "Parquet de Lyon saisi").orElseThrow());
    assertEquals(List.of("case.refused.closed"), codes(move(id, CaseStatus.OPEN)));

    CaseDossier dossier = cases.dossier(CaseFixture.analyst(), id).orElseThrow();
    assertEquals("PROSECUTION", dossier.outcome());
    assertEquals("Parquet de Lyon saisi", dossier.outcomeNote());
    assertEquals(List.of("OPENED", "STATUS", "UNIT", "STATUS", "STATUS", "STATUS"),
        timelineKinds(id));
    assertEquals(1, auditCount("IN_OPERATION -> CLOSED (PROSECUTION)%"));
  }

  @Test
  void anotherUnitsCaseCannotBeSeenNorChanged() {
    CaseFixture.Planted p = fixture.suspect("OFMIN-LYON", "Bernard");
    long id = openFor(p);
    Access rennes = CaseFixture.investigator(fixture.unitId("OFMIN-RENNES"));
    Access lyon = CaseFixture.investigator(fixture.unitId("OFMIN-LYON"));
    assertTrue(cases.dossier(rennes, id).isEmpty());
    assertTrue(cases.move(rennes, id, CaseStatus.IDENTIFICATION, null, null).isEmpty());
    assertTrue(cases.addNote(rennes, id, "intrusion").isEmpty());
    assertTrue(export.export(rennes, id).isEmpty());
    assertTrue(cases.openFor(rennes, List.of(p.suspectId()), null).isEmpty(),
        "a suspect outside the scope cannot be put in a case");
    assertTrue(cases.dossier(lyon, id).isPresent());
    assertEquals("OFMIN-LYON", cases.dossier(lyon, id).orElseThrow().file().unitCode());
  }

  @Test
  void notesAndTasksAreKeptWithWhoAndWhenOnTheTimeline() {
    long id = openFor(fixture.suspect("OFMIN-LYON", "Petit"));
    Access a = CaseFixture.analyst();
    long note = cases.addNote(a, id, "Premier constat").orElseThrow();
    assertTrue(cases.editNote(a, id, note, "Premier constat, corrigé"));
    assertTrue(cases.addNote(a, id, "   ").isEmpty(), "an empty note is refused");
    long task = cases.addTask(a, id, "Réquisition opérateur", "enqueteur.lyon",
        CaseFixture.T0.plusSeconds(86_400)).orElseThrow();
    assertTrue(cases.markTask(a, id, task, true));
    CaseDossier d = cases.dossier(a, id).orElseThrow();
    assertEquals("Premier constat, corrigé", d.notes().getFirst().body());
    assertEquals("analyste.test", d.notes().getFirst().editedBy());
    assertTrue(d.tasks().getFirst().done());
    assertEquals("enqueteur.lyon", d.tasks().getFirst().assignee());
    assertTrue(cases.markTask(a, id, task, false));
    assertFalse(cases.dossier(a, id).orElseThrow().tasks().getFirst().done());
    assertEquals(List.of("OPENED", "NOTE", "NOTE_EDITED", "TASK", "TASK_DONE", "TASK_REOPENED"),
        timelineKinds(id));
  }

  @Test
  void exhibitsAreHashedOnArrivalStoredOnceAndNeverRewritten() throws Exception {
    long id = openFor(fixture.suspect("OFMIN-LYON", "Durand"));
    byte[] content = "procès-verbal de saisie (synthétique)".getBytes(StandardCharsets.UTF_8);
    String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    Exhibit first = exhibits.attach(CaseFixture.analyst(), id, new CaseExhibits.Upload(
        "C:\\saisie\\pv.txt", "text/plain", "PV", null), new ByteArrayInputStream(content))
        .orElseThrow();
    assertEquals(sha, first.sha256());
    assertEquals("pv.txt", first.fileName(), "a name, never the sender's path");
    assertEquals(content.length, first.sizeBytes());
    Path stored = Path.of(home).resolve(first.storageRef());
    assertTrue(stored.endsWith(sha));
    assertEquals("r--r-----", java.nio.file.attribute.PosixFilePermissions.toString(
        Files.getPosixFilePermissions(stored)), "stored read-only, for its owner too");

    Exhibit again = exhibits.attach(CaseFixture.analyst(), id, new CaseExhibits.Upload(
        "copie.txt", "text/plain", null, null), new ByteArrayInputStream(content)).orElseThrow();
    assertEquals(first.storageRef(), again.storageRef(), "same content, one file");
    assertNotEquals(first.id(), again.id());

    byte[] corrected = "procès-verbal corrigé".getBytes(StandardCharsets.UTF_8);
    Exhibit version = exhibits.attach(CaseFixture.analyst(), id, new CaseExhibits.Upload(
        "pv.txt", "text/plain", "PV v2", first.id()), new ByteArrayInputStream(corrected))
        .orElseThrow();
    assertEquals(first.id(), version.replacesId());
    assertArrayEquals(content, Files.readAllBytes(stored), "the first version is untouched");
    try (var opened = exhibits.open(CaseFixture.analyst(), id, first.id()).orElseThrow()
        .content()) {
      assertArrayEquals(content, opened.readAllBytes());
    }

    long other = openFor(fixture.suspect("OFMIN-LYON", "Autre"));
    assertThrows(CaseExhibits.Refused.class, () -> exhibits.attach(CaseFixture.analyst(), other,
        new CaseExhibits.Upload("x.txt", "text/plain", null, first.id()),
        new ByteArrayInputStream(corrected)), "a version must replace an exhibit of its case");
    assertEquals(3, cases.dossier(CaseFixture.analyst(), id).orElseThrow().exhibits().size());
  }

  private static void assertArrayEquals(byte[] expected, byte[] actual, String... message) {
    org.junit.jupiter.api.Assertions.assertArrayEquals(expected, actual,
        message.length == 0 ? null : message[0]);
  }

  @Test
  void thePdfCarriesEverySectionPageByPageAndAStableManifestHash() throws Exception {
    CaseFixture.Planted p = fixture.suspect("OFMIN-LYON", "Lefebvre");
    fixture.identifiedSubscriber(p, "Jean Lefebvre");
    fixture.matchedMedia(p);
    fixture.assessed(p);
    long id = openFor(p);
    Access a = CaseFixture.analyst();
    long note = cases.addNote(a, id, "Enfant de 8 ans au foyer selon le signalement").orElseThrow();
    cases.addTask(a, id, "Audition", "enqueteur.lyon", CaseFixture.T0.plusSeconds(3600));
    Exhibit exhibit = exhibits.attach(a, id, new CaseExhibits.Upload("scan.json",
        "application/json", null, null), new ByteArrayInputStream("{}".getBytes()))
        .orElseThrow();
    move(id, CaseStatus.IDENTIFICATION);
    assertInstanceOf(Transition.Moved.class, move(id, CaseStatus.READY_FOR_ACTION));

    ExportedCase one = export.export(a, id).orElseThrow();
    ExportedCase two = export.export(a, id).orElseThrow();
    assertEquals(one.manifest(), two.manifest(), "the export's own timeline entry is left out");
    assertEquals(one.manifestSha256(), two.manifestSha256());
    assertEquals(2, jdbc.sql("select count(*) from case_events where case_id = ? and kind = 'EXPORTED'")
        .param(id).query(Long.class).single());
    assertTrue(jdbc.sql("select count(*) from audit_log where action = 'EXPORT' and object_id = ?")
        .param(Long.toString(id)).query(Long.class).single() >= 2);

    List<String> pages = pages(one.pdf());
    String reference = cases.find(a, id).orElseThrow().reference();
    assertEquals(9, pages.size(), "eight sections and the manifest page");
    assertTrue(pages.get(0).contains("1. Résumé") && pages.get(0).contains(reference)
        && pages.get(0).contains("READY_FOR_ACTION"), pages.get(0));
    assertTrue(pages.get(1).contains("2. Identités") && pages.get(1).contains(p.suspectReference())
        && pages.get(1).contains(p.email()), pages.get(1));
    assertTrue(pages.get(2).contains("3. Chaîne") && pages.get(2).contains("203.0.113.7:40123")
        && pages.get(2).contains("REQ-" + p.tag()) && pages.get(2).contains("Jean Lefebvre")
        && pages.get(2).contains("IDENTIFIED"), pages.get(2));
    assertTrue(pages.get(3).contains("4. Correspondances") && pages.get(3).contains("Jeu test")
        && pages.get(3).contains("catégorie 3") && pages.get(3).contains("distance 4"),
        pages.get(3));
    assertTrue(pages.get(4).contains("5. Évaluation") && pages.get(4).contains("P1")
        && pages.get(4).contains("weights-2026.1")
        && pages.get(4).contains("factor=UNKNOWN_MATERIAL"), pages.get(4));
    assertTrue(pages.get(5).contains("6. Notes") && pages.get(5).contains("Enfant de 8 ans")
        && pages.get(5).contains("Audition"), pages.get(5));
    assertTrue(pages.get(6).contains("7. Chronologie") && pages.get(6).contains("STATUS")
        && !pages.get(6).contains("EXPORTED"), pages.get(6));
    assertTrue(pages.get(7).contains("8. Pièces") && pages.get(7).contains(exhibit.sha256()),
        pages.get(7));
    assertTrue(pages.get(8).contains("Empreinte du manifeste")
        && pages.get(8).contains(one.manifestSha256()), pages.get(8));
    assertFalse(String.join("", pages).contains("Image"), "no image is ever drawn");

    assertTrue(cases.editNote(a, id, note, "Enfant de 9 ans au foyer selon le signalement"));
    ExportedCase three = export.export(a, id).orElseThrow();
    assertNotEquals(one.manifestSha256(), three.manifestSha256(), "a changed note, a new hash");
  }

  @Test
  void thePdfShowsHiddenCharactersOfOutsideTextAsMarkersAndTheManifestKeepsThem()
      throws Exception {
    CaseFixture.Planted p = fixture.suspect("OFMIN-LYON", "Moreau");
    long id = openFor(p);
    Access a = CaseFixture.analyst();
    // An exhibit named to read "invoiceexe.png", a note pasted with an isolate in it.
    exhibits.attach(a, id, new CaseExhibits.Upload("invoice\u202Egnp.exe",
        "application/octet-stream", null, null), new ByteArrayInputStream("x".getBytes()))
        .orElseThrow();
    cases.addNote(a, id, "copié\u2066 du signalement\u0085").orElseThrow();

    ExportedCase exported = export.export(a, id).orElseThrow();
    String all = String.join("\n", pages(exported.pdf()));
    assertTrue(all.contains("invoice<U+202E>gnp.exe"), all);
    assertTrue(all.contains("copié<U+2066> du signalement<U+0085>"), all);
    for (char c : new char[] {'\u202E', '\u2066', '\u0085'}) {
      assertFalse(all.indexOf(c) >= 0, "U+" + Integer.toHexString(c) + " in the PDF");
    }
    assertTrue(all.contains("<U+202E>"), "the manifest page says what the markers are");
    assertTrue(exported.manifest().contains("invoice\u202Egnp.exe"),
        "the manifest, and its hash, are of the text as it is");
  }

  private static List<String> pages(byte[] pdf) throws Exception {
    assertEquals("%PDF", new String(pdf, 0, 4, StandardCharsets.US_ASCII));
    PdfReader reader = new PdfReader(pdf);
    PdfTextExtractor text = new PdfTextExtractor(reader);
    List<String> pages = new ArrayList<>();
    for (int i = 1; i <= reader.getNumberOfPages(); i++) {
      pages.add(text.getTextFromPage(i));
    }
    reader.close();
    return pages;
  }

  @Test
  void searchFindsReportsSuspectsAndCasesWithinTheCallersUnit() {
    CaseFixture.Planted lyon = fixture.suspect("OFMIN-LYON", "Rousseau");
    long id = openFor(lyon);
    cases.addNote(CaseFixture.analyst(), id, "Perquisition prévue chez le voisin Zéphyrin");
    String reference = cases.find(CaseFixture.analyst(), id).orElseThrow().reference();
    Access national = CaseFixture.analyst();

    SearchResults byEmail = search.search(national, lyon.email().substring(0, 12).toUpperCase());
    assertTrue(ids(byEmail.reports()).contains(lyon.reportId()), byEmail.toString());
    assertTrue(ids(byEmail.suspects()).contains(lyon.suspectId()), byEmail.toString());
    assertTrue(ids(search.search(national, lyon.reportExternalId()).reports())
        .contains(lyon.reportId()));
    assertTrue(ids(search.search(national, "rousseau").reports()).contains(lyon.reportId()),
        "by the reported person's name");
    assertTrue(ids(search.search(national, "jean rousseau").suspects())
        .contains(lyon.suspectId()), "by the suspect's name");
    assertTrue(ids(search.search(national, reference).cases()).contains(id));
    assertTrue(ids(search.search(national, "zéphyrin").cases()).contains(id), "note text");
    assertTrue(ids(search.search(national, lyon.suspectReference()).cases()).contains(id));
    assertTrue(search.search(national, "%").isEmpty(), "too short");
    assertTrue(search.search(national, "_" + lyon.tag()).isEmpty(), "wildcards are literal");

    Access rennes = CaseFixture.investigator(fixture.unitId("OFMIN-RENNES"));
    SearchResults fromRennes = search.search(rennes, lyon.email());
    assertTrue(fromRennes.suspects().isEmpty() && fromRennes.cases().isEmpty(),
        fromRennes.toString());
    assertTrue(search.search(rennes, reference).cases().isEmpty());
    Access lyonUnit = CaseFixture.investigator(fixture.unitId("OFMIN-LYON"));
    assertTrue(ids(search.search(lyonUnit, lyon.email()).suspects()).contains(lyon.suspectId()));
    assertTrue(jdbc.sql("select count(*) from audit_log where object_type = 'search'")
        .query(Long.class).single() > 0, "searches are on the record");
  }

  private static List<Long> ids(List<SearchHit> hits) {
    return hits.stream().map(SearchHit::id).toList();
  }

  private static List<String> codes(Transition t) {
    return assertInstanceOf(Transition.Refused.class, t).reasons().stream()
        .map(Transition.Reason::code).toList();
  }

  private static UsernamePasswordAuthenticationToken asAnalyst() {
    return UsernamePasswordAuthenticationToken.authenticated(
        CaseFixture.analyst().caller(), null, List.of(new SimpleGrantedAuthority("ROLE_ANALYST")));
  }

  @Test
  void theWebOpensACaseFromASuspectShowsRefusalsAndServesThePdf() throws Exception {
    CaseFixture.Planted p = fixture.suspect("OFMIN-LYON", "Moreau");
    String suspectPage = mvc.perform(get("/suspects/" + p.suspectId()).with(authentication(asAnalyst())))
        .andReturn().getResponse().getContentAsString();
    assertTrue(suspectPage.contains("id=\"open-case\""), "the suspect page offers to open a case");

    MvcResult opened = mvc.perform(post("/dossiers").with(authentication(asAnalyst())).with(csrf())
        .param("suspect", Long.toString(p.suspectId()))).andReturn();
    String location = opened.getResponse().getRedirectedUrl();
    assertTrue(location != null && location.matches("/dossiers/\\d+"), String.valueOf(location));
    long id = Long.parseLong(location.substring("/dossiers/".length()));

    mvc.perform(post(location).with(authentication(asAnalyst())).with(csrf())
        .param("do", "status").param("to", "IDENTIFICATION"));
    MvcResult refused = mvc.perform(post(location).with(authentication(asAnalyst())).with(csrf())
        .param("do", "status").param("to", "READY_FOR_ACTION")).andReturn();
    String page = mvc.perform(get(location).with(authentication(asAnalyst()))
            .flashAttrs(refused.getFlashMap()))
        .andReturn().getResponse().getContentAsString();
    assertTrue(page.contains("id=\"refused\"") && page.contains("Aucun abonné identifié"), page);

    mvc.perform(multipart(location).file(new MockMultipartFile("file", "resultats.json",
            "application/json", "{\"files\":1}".getBytes()))
        .param("do", "exhibit").with(authentication(asAnalyst())).with(csrf()));
    assertEquals(1, cases.dossier(CaseFixture.analyst(), id).orElseThrow().exhibits().size());

    var pdf = mvc.perform(get("/dossiers/export/" + id).with(authentication(asAnalyst())))
        .andReturn().getResponse();
    assertEquals(200, pdf.getStatus());
    assertEquals("application/pdf", pdf.getContentType());
    assertEquals("%PDF", new String(pdf.getContentAsByteArray(), 0, 4, StandardCharsets.US_ASCII));
    assertTrue(pdf.getHeader("Content-Disposition").contains("dossier-D-"));

    String results = mvc.perform(get("/recherche").param("q", p.email())
            .with(authentication(asAnalyst())))
        .andReturn().getResponse().getContentAsString();
    assertTrue(results.contains(p.suspectReference()), results);
  }
}
