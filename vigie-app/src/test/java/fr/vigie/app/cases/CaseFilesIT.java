package fr.vigie.app.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
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
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;

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
    return opened(cases.openFor(CaseFixture.analyst(), List.of(p.suspectId()), null));
  }

  /** The id of the case an opening opened, failing if none was. */
  private static long opened(Optional<CaseOpening> opening) {
    return assertInstanceOf(CaseOpening.Opened.class, opening.orElseThrow()).id();
  }

  /** The id a change made (the note, the task, else the case), failing if it was not made. */
  private static long made(Optional<CaseChange> change) {
    return assertInstanceOf(CaseChange.Made.class, change.orElseThrow()).id();
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
    made(cases.assignUnit(CaseFixture.analyst(), id, "OFMIN-LYON"));
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
    long note = made(cases.addNote(a, id, "Premier constat"));
    made(cases.editNote(a, id, note, "Premier constat, corrigé"));
    assertEquals(Optional.of(new CaseChange.Invalid("case.error.empty")),
        cases.addNote(a, id, "   "), "an empty note is refused");
    long task = made(cases.addTask(a, id, "Réquisition opérateur", "enqueteur.lyon",
        CaseFixture.T0.plusSeconds(86_400)));
    made(cases.markTask(a, id, task, true));
    CaseDossier d = cases.dossier(a, id).orElseThrow();
    assertEquals("Premier constat, corrigé", d.notes().getFirst().body());
    assertEquals("analyste.test", d.notes().getFirst().editedBy());
    assertTrue(d.tasks().getFirst().done());
    assertEquals("enqueteur.lyon", d.tasks().getFirst().assignee());
    made(cases.markTask(a, id, task, false));
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
    assertTrue(exhibits.attach(CaseFixture.analyst(), other,
        new CaseExhibits.Upload("x.txt", "text/plain", null, first.id()),
        new ByteArrayInputStream(corrected)).isEmpty(),
        "a version must replace an exhibit of its case");
    assertEquals(Arrays.asList("analyste.test", "CREATE", "exhibit",
        Long.toString(first.id()), "NOT_FOUND", null), lastAudit());
    assertEquals(3, cases.dossier(CaseFixture.analyst(), id).orElseThrow().exhibits().size());
  }

  private static void assertArrayEquals(byte[] expected, byte[] actual, String... message) {
    org.junit.jupiter.api.Assertions.assertArrayEquals(expected, actual,
        message.length == 0 ? null : message[0]);
  }

  @Test
  void thePdfReadsLikeAFileFlowingInWordsAndParisTimeWithAStableManifestHashLast() throws Exception {
    CaseFixture.Planted p = fixture.suspect("OFMIN-LYON", "Lefebvre");
    fixture.identifiedSubscriber(p, "Jean Lefebvre");
    fixture.matchedMedia(p);
    fixture.assessed(p);
    long id = openFor(p);
    Access a = CaseFixture.analyst();
    long note = made(cases.addNote(a, id, "Enfant de 8 ans au foyer selon le signalement"));
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
    String body = String.join("\n", pages.subList(0, pages.size() - 1));
    String last = pages.getLast();
    assertTrue(pages.size() <= 3, "the sections flow, not one page each: " + pages.size());
    int at = -1;
    for (String heading : List.of("1. Résumé", "Référence :", "2. Identités", "adresse électronique",
        "3. Chaîne", "connexion depuis", "4. Correspondances", "reconnu par le jeu",
        "5. Évaluation", "priorité calculée", "6. Notes", "Enfant de 8 ans", "7. Chronologie",
        "changement d’état", "8. Pièces", "Pièce n°")) {
      int found = body.indexOf(heading);
      assertTrue(found > at, heading + " after the one before it:\n" + body);
      at = found;
    }
    for (String shown : List.of(reference, "prêt pour action", p.suspectReference(), p.email(),
        "203.0.113.7, port 40123", "REQ-" + p.tag(), "Jean Lefebvre", "abonné : identifié",
        "(répondue", "Jeu test", "catégorie 3", "distance 4", "P1 (agir sous 48 heures",
        "weights-2026.1", "Contenus inconnus", "Accès à des enfants", "profession: animateur",
        "Audition", "identification → prêt pour action", exhibit.sha256(),
        // T0 is 08:00 UTC on 1 October: 10:00 in Paris, summer time.
        "2026-10-01 10:00:00 +02:00")) {
      assertTrue(body.contains(shown), shown + " in\n" + body);
    }
    for (String code : List.of("READY_FOR_ACTION", "IDENTIFIED", "ANSWERED", "EMAIL",
        "factor=", "factors =", "unknown_material", "STATUS", "EXPORTED", "T08:00:00Z")) {
      assertFalse(body.contains(code), code + " in\n" + body);
    }
    assertTrue(last.contains("Empreinte du manifeste") && last.contains(one.manifestSha256())
        && !last.contains("8. Pièces"), "the manifest last, on its own: " + last);
    assertFalse(String.join("", pages).contains("Image"), "no image is ever drawn");

    made(cases.editNote(a, id, note, "Enfant de 9 ans au foyer selon le signalement"));
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

  private UsernamePasswordAuthenticationToken asInvestigatorOf(String unitCode) {
    Access investigator = CaseFixture.investigator(fixture.unitId(unitCode));
    return UsernamePasswordAuthenticationToken.authenticated(investigator.caller(), null,
        List.of(new SimpleGrantedAuthority("ROLE_INVESTIGATOR")));
  }

  /** The newest audit entry: who, what, outcome, and the unit the record belongs to. */
  private List<Object> lastAudit() {
    return jdbc.sql("""
            select actor, action, object_type, object_id, outcome, scope_unit_id
            from audit_log order by id desc limit 1
            """)
        .query((rs, n) -> Arrays.<Object>asList(rs.getString("actor"),
            rs.getString("action"), rs.getString("object_type"), rs.getString("object_id"),
            rs.getString("outcome"), (Long) rs.getObject("scope_unit_id", Long.class)))
        .single();
  }

  private long auditTotal() {
    return jdbc.sql("select count(*) from audit_log").query(Long.class).single();
  }

  /** Everything a change could touch on a case, to show that a refused one touched nothing. */
  private List<Object> stateOf(long id) {
    return List.of(timelineKinds(id),
        jdbc.sql("select status || '|' || coalesce(summary, '-') || '|' || coalesce(unit_id, 0)"
            + " from cases where id = ?").param(id).query(String.class).single(),
        jdbc.sql("select count(*) from case_suspects where case_id = ?").param(id)
            .query(Long.class).single(),
        jdbc.sql("select string_agg(body, '/' order by id) from case_notes where case_id = ?")
            .param(id).query(String.class).optional().orElse(""),
        jdbc.sql("select string_agg(coalesce(done_by, '-'), '/' order by id) from case_tasks"
            + " where case_id = ?").param(id).query(String.class).optional().orElse(""),
        jdbc.sql("select count(*) from exhibits where case_id = ?").param(id)
            .query(Long.class).single());
  }

  /** One way of changing a case through its page, as a form would post it. */
  private record Change(String name, String expectedAction,
      Function<String, AbstractMockHttpServletRequestBuilder<?>> request) {}

  private List<Change> everyChange(long note, long task, String suspectReference,
      long exhibit) {
    return List.of(
        new Change("status", "UPDATE", url -> post(url).param("do", "status")
            .param("to", "IDENTIFICATION")),
        new Change("unit", "UPDATE", url -> post(url).param("do", "unit")
            .param("text", "OFMIN-RENNES")),
        new Change("suspect", "UPDATE", url -> post(url).param("do", "suspect")
            .param("text", suspectReference)),
        new Change("summary", "UPDATE", url -> post(url).param("do", "summary")
            .param("text", "résumé d'un intrus")),
        new Change("note", "CREATE", url -> post(url).param("do", "note")
            .param("text", "note d'un intrus")),
        new Change("note edited", "UPDATE", url -> post(url).param("do", "note")
            .param("target", Long.toString(note)).param("text", "réécrite")),
        new Change("task", "CREATE", url -> post(url).param("do", "task")
            .param("text", "tâche d'un intrus")),
        new Change("task done", "UPDATE", url -> post(url).param("do", "task-done")
            .param("target", Long.toString(task)).param("done", "true")),
        new Change("exhibit", "CREATE", url -> multipart(url).file(new MockMultipartFile("file",
            "intrus.txt", "text/plain", "intrus".getBytes(StandardCharsets.UTF_8)))
            .param("do", "exhibit").param("target", Long.toString(exhibit))),
        new Change("reopen", "UPDATE", url -> post(url).param("do", "reopen")
            .param("text", "réouverture d'un intrus")),
        new Change("unknown action", "UPDATE", url -> post(url).param("do", "nimporte")),
        new Change("bad status", "UPDATE", url -> post(url).param("do", "status")
            .param("to", "NULLE_PART")));
  }

  @TestFactory
  List<DynamicTest> everyChangeToAnotherUnitsCaseIsNotFoundAndRecorded()
      throws Exception {
    CaseFixture.Planted p = fixture.suspect("OFMIN-LYON", "Garnier");
    long id = openFor(p);
    Access a = CaseFixture.analyst();
    long note = made(cases.addNote(a, id, "Note de Lyon"));
    long task = made(cases.addTask(a, id, "Tâche de Lyon", null, null));
    long exhibit = exhibits.attach(a, id, new CaseExhibits.Upload("pv.txt", "text/plain", null,
        null), new ByteArrayInputStream("pv".getBytes(StandardCharsets.UTF_8))).orElseThrow().id();
    Long lyon = fixture.unitId("OFMIN-LYON");
    List<DynamicTest> tests = new ArrayList<>();
    for (Change change : everyChange(note, task, p.suspectReference(), exhibit)) {
      tests.add(DynamicTest.dynamicTest(change.name(), () -> {
        List<Object> before = stateOf(id);
        long entries = auditTotal();
        int status = mvc.perform(change.request().apply("/dossiers/" + id)
                .with(authentication(asInvestigatorOf("OFMIN-RENNES"))).with(csrf()))
            .andReturn().getResponse().getStatus();
        assertEquals(404, status, change.name() + " on another unit's case");
        assertEquals(entries + 1, auditTotal(), "one entry for the refusal");
        assertEquals(Arrays.asList("enqueteur.test", change.expectedAction(), "case",
            Long.toString(id), "DENIED", lyon), lastAudit(), change.name());
        assertEquals(before, stateOf(id), "nothing changed");

        long missing = id + 1_000_000;
        int none = mvc.perform(change.request().apply("/dossiers/" + missing)
                .with(authentication(asInvestigatorOf("OFMIN-RENNES"))).with(csrf()))
            .andReturn().getResponse().getStatus();
        assertEquals(404, none, "a case that does not exist answers the same");
        assertEquals(Arrays.asList("enqueteur.test", change.expectedAction(), "case",
            Long.toString(missing), "NOT_FOUND", null), lastAudit(), change.name());
      }));
    }
    return tests;
  }

  @Test
  void aRecordOfAnotherUnitNamedInAChangeToOnesOwnCaseIsNotFoundAndRecorded() throws Exception {
    CaseFixture.Planted lyonSuspect = fixture.suspect("OFMIN-LYON", "Fontaine");
    long lyonCase = openFor(lyonSuspect);
    Access a = CaseFixture.analyst();
    long lyonNote = made(cases.addNote(a, lyonCase, "Note de Lyon"));
    long lyonTask = made(cases.addTask(a, lyonCase, "Tâche de Lyon", null, null));
    long lyonExhibit = exhibits.attach(a, lyonCase, new CaseExhibits.Upload("pv.txt",
        "text/plain", null, null), new ByteArrayInputStream("pv".getBytes(StandardCharsets.UTF_8)))
        .orElseThrow().id();
    long rennesCase = openFor(fixture.suspect("OFMIN-RENNES", "Lemaire"));
    Long lyon = fixture.unitId("OFMIN-LYON");
    String url = "/dossiers/" + rennesCase;
    record Named(String type, String id, AbstractMockHttpServletRequestBuilder<?> request) {}
    for (Named named : List.of(
        new Named("suspect", lyonSuspect.suspectReference(), post(url).param("do", "suspect")
            .param("text", lyonSuspect.suspectReference())),
        new Named("note", Long.toString(lyonNote), post(url).param("do", "note")
            .param("target", Long.toString(lyonNote)).param("text", "réécrite")),
        new Named("task", Long.toString(lyonTask), post(url).param("do", "task-done")
            .param("target", Long.toString(lyonTask))),
        new Named("exhibit", Long.toString(lyonExhibit), multipart(url)
            .file(new MockMultipartFile("file", "v2.txt", "text/plain", "v2".getBytes()))
            .param("do", "exhibit").param("target", Long.toString(lyonExhibit))))) {
      List<Object> before = stateOf(rennesCase);
      List<Object> lyonBefore = stateOf(lyonCase);
      int status = mvc.perform(named.request()
              .with(authentication(asInvestigatorOf("OFMIN-RENNES"))).with(csrf()))
          .andReturn().getResponse().getStatus();
      assertEquals(404, status, named.type());
      List<Object> entry = lastAudit();
      assertEquals(Arrays.asList("enqueteur.test", named.type(), named.id(), "DENIED",
          lyon), List.of(entry.get(0), entry.get(2), entry.get(3), entry.get(4), entry.get(5)),
          named.type());
      assertEquals(before, stateOf(rennesCase), named.type() + ": nothing changed");
      assertEquals(lyonBefore, stateOf(lyonCase), named.type() + ": nor on Lyon's case");
    }
  }

  @Test
  void openingACaseWithOneSuspectOfAnotherUnitIsRefusedWhole() throws Exception {
    CaseFixture.Planted ours = fixture.suspect("OFMIN-RENNES", "Perrin");
    CaseFixture.Planted theirs = fixture.suspect("OFMIN-LYON", "Roux");
    long casesBefore = jdbc.sql("select count(*) from cases").query(Long.class).single();
    int status = mvc.perform(post("/dossiers").with(authentication(asInvestigatorOf(
            "OFMIN-RENNES"))).with(csrf())
        .param("suspect", Long.toString(ours.suspectId()))
        .param("suspect", Long.toString(theirs.suspectId()))).andReturn().getResponse()
        .getStatus();
    assertEquals(404, status, "not a case with the other unit's suspect silently dropped");
    assertEquals(casesBefore, jdbc.sql("select count(*) from cases").query(Long.class).single());
    assertEquals(Arrays.asList("enqueteur.test", "CREATE", "suspect",
        Long.toString(theirs.suspectId()), "DENIED", fixture.unitId("OFMIN-LYON")), lastAudit());
  }

  @Test
  void anotherUnitsExhibitIsRecordedDeniedWithItsUnit() throws Exception {
    long lyonCase = openFor(fixture.suspect("OFMIN-LYON", "Blanc"));
    long exhibit = exhibits.attach(CaseFixture.analyst(), lyonCase, new CaseExhibits.Upload(
        "pv.txt", "text/plain", null, null), new ByteArrayInputStream("pv".getBytes()))
        .orElseThrow().id();
    long rennesCase = openFor(fixture.suspect("OFMIN-RENNES", "Guerin"));
    Long lyon = fixture.unitId("OFMIN-LYON");
    for (long caseId : new long[] {lyonCase, rennesCase}) {
      int status = mvc.perform(get("/dossiers/" + caseId).param("piece", Long.toString(exhibit))
              .with(authentication(asInvestigatorOf("OFMIN-RENNES"))))
          .andReturn().getResponse().getStatus();
      assertEquals(404, status);
      assertEquals(Arrays.asList("enqueteur.test", "READ", "exhibit",
          Long.toString(exhibit), "DENIED", lyon), lastAudit(), "through case " + caseId);
    }
    int none = mvc.perform(get("/dossiers/" + rennesCase).param("piece", "987654321")
            .with(authentication(asInvestigatorOf("OFMIN-RENNES"))))
        .andReturn().getResponse().getStatus();
    assertEquals(404, none);
    assertEquals(Arrays.asList("enqueteur.test", "READ", "exhibit", "987654321",
        "NOT_FOUND", null), lastAudit());
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
    assertTrue(page.contains("changement d’état") && page.contains("ouvert → identification")
        && !page.contains("OPEN -") && !page.contains(">STATUS<"), "the timeline in words");

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

  @Test
  void aSuspectInAnOpenCaseIsNotPutInASecondOneUnlessChosenWithAReason() {
    CaseFixture.Planted p = fixture.suspect("OFMIN-LYON", "Unique");
    CaseFixture.Planted other = fixture.suspect("OFMIN-LYON", "Second");
    long first = openFor(p);
    String reference = cases.find(CaseFixture.analyst(), first).orElseThrow().reference();
    long casesBefore = jdbc.sql("select count(*) from cases").query(Long.class).single();

    CaseOpening refused = cases.openFor(CaseFixture.analyst(),
        List.of(other.suspectId(), p.suspectId()), null).orElseThrow();
    HeldBy holder = assertInstanceOf(CaseOpening.AlreadyOpen.class, refused).holders()
        .getFirst();
    assertEquals(List.of(p.suspectReference(), reference, first, true), List.of(
        holder.suspectReference(), holder.caseReference(), holder.caseId(), holder.visible()));
    assertEquals(1, assertInstanceOf(CaseOpening.AlreadyOpen.class, refused).holders().size(),
        "only the suspect already held is named");
    assertEquals(casesBefore, jdbc.sql("select count(*) from cases").query(Long.class).single());
    assertEquals(Arrays.asList("analyste.test", "CREATE", "suspect",
        Long.toString(p.suspectId()), "FAILURE", fixture.unitId("OFMIN-LYON")), lastAudit());

    assertInstanceOf(CaseOpening.ReasonMissing.class, cases.openFor(CaseFixture.analyst(),
        List.of(p.suspectId()), null, "  ").orElseThrow(), "opening anyway needs a reason");
    assertEquals(casesBefore, jdbc.sql("select count(*) from cases").query(Long.class).single());

    long second = opened(cases.openFor(CaseFixture.analyst(), List.of(p.suspectId()), null,
        "Saisine distincte du parquet de Lyon"));
    assertNotEquals(first, second);
    String detail = jdbc.sql("""
        select detail from audit_log where object_type = 'case' and object_id = ?
        and action = 'CREATE' and outcome = 'SUCCESS'
        """).param(Long.toString(second)).query(String.class).single();
    assertTrue(detail.contains("opened anyway beside " + p.suspectReference() + " in "
        + reference + ": Saisine distincte du parquet de Lyon"), detail);
    assertTrue(timelineKinds(second).contains("OPENED_ANYWAY"));

    // "Anyway" for a suspect in no open case needs no reason: the rule is not in play.
    opened(cases.openFor(CaseFixture.analyst(), List.of(fixture.suspect("OFMIN-LYON", "Libre")
        .suspectId()), null, ""));

    // Nor is a suspect held by an open case added to another one.
    long third = openFor(other);
    CaseChange held = cases.addSuspect(CaseFixture.analyst(), third, p.suspectReference())
        .orElseThrow();
    assertEquals(List.of(first, second), assertInstanceOf(CaseChange.AlreadyHeld.class, held)
        .holders().stream().map(HeldBy::caseId).toList());
    assertEquals(1L, jdbc.sql("select count(*) from case_suspects where case_id = ?")
        .param(third).query(Long.class).single());
    assertEquals(Arrays.asList("analyste.test", "UPDATE", "case", Long.toString(third),
        "FAILURE", fixture.unitId("OFMIN-LYON")), lastAudit());
    made(cases.addSuspect(CaseFixture.analyst(), third, other.suspectReference()));

    // A closed case does not hold its suspect: the next case opens without a choice.
    cases.move(CaseFixture.analyst(), first, CaseStatus.CLOSED, CaseOutcome.JOINED, null);
    cases.move(CaseFixture.analyst(), second, CaseStatus.CLOSED, CaseOutcome.JOINED, null);
    opened(cases.openFor(CaseFixture.analyst(), List.of(p.suspectId()), null));
  }

  @Test
  void theWebRefusesASecondOpenCaseWithALinkToTheFirstAndTheSuspectPageListsItsCases()
      throws Exception {
    CaseFixture.Planted p = fixture.suspect("OFMIN-LYON", "Lien");
    String before = mvc.perform(get("/suspects/" + p.suspectId())
            .with(authentication(asAnalyst())))
        .andReturn().getResponse().getContentAsString();
    assertTrue(before.contains("id=\"no-case\""), before);

    long first = openFor(p);
    String reference = cases.find(CaseFixture.analyst(), first).orElseThrow().reference();
    String suspectPage = mvc.perform(get("/suspects/" + p.suspectId())
            .with(authentication(asAnalyst())))
        .andReturn().getResponse().getContentAsString();
    assertTrue(suspectPage.contains("href=\"/dossiers/" + first + "\">" + reference),
        suspectPage);

    var refused = mvc.perform(post("/dossiers").with(authentication(asAnalyst())).with(csrf())
        .param("suspect", Long.toString(p.suspectId()))).andReturn().getResponse();
    assertEquals(409, refused.getStatus());
    String page = refused.getContentAsString();
    assertTrue(page.contains("id=\"open-refused\"")
        && page.contains("href=\"/dossiers/" + first + "\"") && page.contains("name=\"anyway\""),
        page);

    var noReason = mvc.perform(post("/dossiers").with(authentication(asAnalyst())).with(csrf())
        .param("suspect", Long.toString(p.suspectId())).param("anyway", "true")
        .param("reason", "")).andReturn().getResponse();
    assertEquals(409, noReason.getStatus());
    assertTrue(noReason.getContentAsString().contains("indiquez un motif"));

    String location = mvc.perform(post("/dossiers").with(authentication(asAnalyst()))
            .with(csrf()).param("suspect", Long.toString(p.suspectId()))
            .param("anyway", "true").param("reason", "Deux procédures distinctes"))
        .andReturn().getResponse().getRedirectedUrl();
    assertTrue(location != null && location.matches("/dossiers/\\d+"), String.valueOf(location));
    long second = Long.parseLong(location.substring("/dossiers/".length()));
    assertEquals(1, auditCount("%opened anyway beside%Deux procédures distinctes"));
    long elsewhere = openFor(fixture.suspect("OFMIN-LYON", "Ailleurs"));
    MvcResult added = mvc.perform(post("/dossiers/" + elsewhere).with(authentication(asAnalyst()))
        .with(csrf()).param("do", "suspect").param("text", p.suspectReference())).andReturn();
    String casePage = mvc.perform(get("/dossiers/" + elsewhere).with(authentication(asAnalyst()))
            .flashAttrs(added.getFlashMap()))
        .andReturn().getResponse().getContentAsString();
    assertTrue(casePage.contains("id=\"held\"")
        && casePage.contains("href=\"/dossiers/" + first + "\""), casePage);

    String both = mvc.perform(get("/suspects/" + p.suspectId())
            .with(authentication(asAnalyst())))
        .andReturn().getResponse().getContentAsString();
    assertTrue(both.contains("href=\"/dossiers/" + first + "\"")
        && both.contains("href=\"/dossiers/" + second + "\""), both);
  }

  /** A requisition about the planted IP event, sent and not answered. */
  private String pendingRequisition(CaseFixture.Planted p) {
    String ref = "REQ-SENT-" + p.tag();
    jdbc.sql("""
        insert into requisitions (reference, operator_id, legal_basis, requesting_officer, status,
                                  created_by, sent_at)
        values (?, (select id from operators where code = 'OP-TEST'), 'Art. 77-1-1 CPP',
                'OPJ Test', 'SENT', 'analyste.test', ?)
        """).params(ref, java.sql.Timestamp.from(CaseFixture.T0)).update();
    jdbc.sql("""
        insert into requisition_items (requisition_id, ip_event_id, ip, port, occurred_at)
        values ((select id from requisitions where reference = ?), ?, '203.0.113.7', 40123, ?)
        """).params(ref, p.ipEventId(), java.sql.Timestamp.from(CaseFixture.T0)).update();
    return ref;
  }

  @Test
  void closingAsksForConfirmationAndShowsWhatIsStillOpen() throws Exception {
    CaseFixture.Planted p = fixture.suspect("OFMIN-LYON", "Cloture");
    fixture.identifiedSubscriber(p, "Jean Cloture");
    String pending = pendingRequisition(p);
    long id = openFor(p);
    Access a = CaseFixture.analyst();
    made(cases.addTask(a, id, "Audition du voisin", "enqueteur.lyon", null));
    long done = made(cases.addTask(a, id, "Tâche déjà faite", null, null));
    made(cases.markTask(a, id, done, true));
    List<Object> before = stateOf(id);

    var asked = mvc.perform(post("/dossiers/" + id).with(authentication(asAnalyst()))
        .with(csrf()).param("do", "status").param("to", "CLOSED")
        .param("outcome", "NO_FURTHER_ACTION").param("text", "Classement"))
        .andReturn().getResponse();
    assertEquals(200, asked.getStatus(), "a page, not the change");
    String page = asked.getContentAsString();
    assertTrue(page.contains("id=\"confirm-close\"") && page.contains("id=\"still-open\"")
        && page.contains("Audition du voisin") && !page.contains("Tâche déjà faite")
        && page.contains(pending) && !page.contains("REQ-" + p.tag() + "<")
        && page.contains("Envoyée") && page.contains("classement"), page);
    assertEquals(before, stateOf(id), "nothing changes before the confirmation");

    OpenWork open = cases.openWork(a, id).orElseThrow();
    assertEquals(List.of("Audition du voisin"),
        open.openTasks().stream().map(CaseTask::title).toList());
    assertEquals(List.of(pending),
        open.requisitions().stream().map(OpenWork.PendingRequisition::reference).toList(),
        "the answered requisition is not pending");

    String location = mvc.perform(post("/dossiers/" + id).with(authentication(asAnalyst()))
        .with(csrf()).param("do", "status").param("to", "CLOSED")
        .param("outcome", "NO_FURTHER_ACTION").param("text", "Classement")
        .param("confirmed", "true")).andReturn().getResponse().getRedirectedUrl();
    assertEquals("/dossiers/" + id, location);
    assertEquals("CLOSED", cases.find(a, id).orElseThrow().status());
    assertEquals("NO_FURTHER_ACTION", cases.dossier(a, id).orElseThrow().outcome());
  }

  @Test
  void aClosedCaseIsReadOnlyUntilAnAuditedReopening() throws Exception {
    CaseFixture.Planted p = fixture.suspect("OFMIN-LYON", "Lecture");
    CaseFixture.Planted other = fixture.suspect("OFMIN-LYON", "Ajout");
    long id = openFor(p);
    Access a = CaseFixture.analyst();
    long note = made(cases.addNote(a, id, "Avant clôture"));
    long task = made(cases.addTask(a, id, "Avant clôture", null, null));
    long exhibit = exhibits.attach(a, id, new CaseExhibits.Upload("pv.txt", "text/plain", null,
        null), new ByteArrayInputStream("pv".getBytes(StandardCharsets.UTF_8))).orElseThrow()
        .id();
    assertInstanceOf(Transition.Moved.class, move(id, CaseStatus.IDENTIFICATION));
    assertInstanceOf(Transition.Moved.class, cases.move(a, id, CaseStatus.CLOSED,
        CaseOutcome.SENT_ABROAD, null).orElseThrow());
    List<Object> before = stateOf(id);
    Long lyon = fixture.unitId("OFMIN-LYON");

    record Write(String change, String action, java.util.function.Supplier<Optional<CaseChange>> w) {}
    CaseChange closed = new CaseChange.Invalid("case.error.closed");
    for (Write write : List.of(
        new Write("note", "CREATE", () -> cases.addNote(a, id, "après")),
        new Write("note edit", "UPDATE", () -> cases.editNote(a, id, note, "réécrite")),
        new Write("task", "CREATE", () -> cases.addTask(a, id, "après", null, null)),
        new Write("task-done", "UPDATE", () -> cases.markTask(a, id, task, true)),
        new Write("summary", "UPDATE", () -> cases.summarise(a, id, "après")),
        new Write("suspect", "UPDATE", () -> cases.addSuspect(a, id, other.suspectReference())),
        new Write("unit", "UPDATE", () -> cases.assignUnit(a, id, "OFMIN-RENNES")))) {
      assertEquals(Optional.of(closed), write.w().get(), write.change());
      assertEquals(Arrays.asList("analyste.test", write.action(), "case", Long.toString(id),
          "FAILURE", lyon), lastAudit(), write.change());
      assertTrue(auditCount(write.change() + ": refused, % is closed") >= 1, write.change());
    }
    CaseExhibits.Refused refused = org.junit.jupiter.api.Assertions.assertThrows(
        CaseExhibits.Refused.class, () -> exhibits.attach(a, id, new CaseExhibits.Upload(
            "v2.txt", "text/plain", null, exhibit), new ByteArrayInputStream("v2".getBytes())));
    assertEquals("case.error.closed", refused.messageKey());
    assertEquals(Arrays.asList("analyste.test", "CREATE", "case", Long.toString(id),
        "FAILURE", lyon), lastAudit(), "exhibit");
    assertEquals(before, stateOf(id), "a closed case took no change");

    // The page says so in words and offers only the reopening.
    MvcResult web = mvc.perform(post("/dossiers/" + id).with(authentication(asAnalyst()))
        .with(csrf()).param("do", "note").param("text", "par la page")).andReturn();
    String page = mvc.perform(get("/dossiers/" + id).with(authentication(asAnalyst()))
            .flashAttrs(web.getFlashMap()))
        .andReturn().getResponse().getContentAsString();
    assertTrue(page.contains("Le dossier est clos : il est en lecture seule")
        && page.contains("id=\"reopen\"") && !page.contains("id=\"new-note\""), page);
    assertEquals(before, stateOf(id));

    assertEquals(Optional.of(new CaseChange.Invalid("case.error.reopenReason")),
        cases.reopen(a, id, " "));
    assertEquals("CLOSED", cases.find(a, id).orElseThrow().status());
    mvc.perform(post("/dossiers/" + id).with(authentication(asAnalyst())).with(csrf())
        .param("do", "reopen").param("text", "Élément nouveau du parquet"));
    assertEquals("IDENTIFICATION", cases.find(a, id).orElseThrow().status(),
        "back to the step it was closed from");
    assertEquals(null, cases.dossier(a, id).orElseThrow().outcome());
    assertEquals(1, auditCount("reopened CLOSED -> IDENTIFICATION: Élément nouveau du parquet"));
    assertEquals("REOPENED", timelineKinds(id).getLast());
    assertEquals(Optional.of(new CaseChange.Invalid("case.error.notClosed")),
        cases.reopen(a, id, "encore"));
    made(cases.addNote(a, id, "Après réouverture"));
  }
}
