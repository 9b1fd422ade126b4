package fr.vigie.app.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.vigie.app.cases.internal.CaseManifest;
import fr.vigie.app.cases.internal.CasePdf;
import fr.vigie.app.cases.internal.ExportSection;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openpdf.text.pdf.PdfReader;
import org.openpdf.text.pdf.parser.PdfTextExtractor;

/**
 * The pure parts of the export: the manifest's canonical text, the factors' rows, Paris times,
 * and the PDF's layout read back with OpenPDF's text extraction.
 */
class CaseExportTextTest {

  @Test
  void theManifestIsCanonicalTextWithFoldedLineBreaks() {
    List<ExportSection> sections = List.of(
        ExportSection.ofLines("summary", "1. Résumé", List.of("Référence : D-2026-0001")),
        ExportSection.ofLines("notes", "6. Notes", List.of("ligne 1\r\nligne 2\nligne 3")),
        new ExportSection("risk", "5. Risque", List.of(new ExportSection.Line("S-1 — P1"),
            new ExportSection.Table(List.of("Facteur", "Points"), List.of(List.of("Vidéos", "5"))))));
    String text = CaseManifest.text(sections);
    assertEquals("vigie-case-manifest 2\n## summary\nRéférence : D-2026-0001\n## notes\n"
        + "ligne 1 ligne 2 ligne 3\n## risk\nS-1 — P1\nFacteur | Points\nVidéos | 5\n", text);
    // Known answer: SHA-256 of "abc".
    assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
        CaseManifest.sha256("abc"));
    assertNotEquals(CaseManifest.sha256(text), CaseManifest.sha256(text.replace("2", "3")));
  }

  @Test
  void factorsAreReadFromTriagesJsonWhateverItsShape() {
    // As triage writes it (FactorsJson): version, score and tier beside the factors' array.
    assertEquals(List.of(List.of("access_to_children", "0", ""),
            List.of("unknown_material", "12.5", "1 média inconnu")),
        CaseExport.factorRows("""
            {"weightsVersion":"2026.1","score":12.5,"tier":"P3","factors":[
             {"factor":"access_to_children","points":0,"evidence":""},
             {"factor":"unknown_material","points":12.5,"evidence":"1 média inconnu"}]}"""));
    assertEquals(List.of(List.of("UNKNOWN_MATERIAL", "40", "1 média"),
            List.of("ACCESS_TO_CHILDREN", "35.5", "a, b")),
        CaseExport.factorRows("""
            [{"factor":"UNKNOWN_MATERIAL","contribution":40,"evidence":"1 média"},
             {"factor":"ACCESS_TO_CHILDREN","contribution":35.5,"evidence":["a","b"]}]"""));
    assertEquals(List.of(List.of("volume", "12", ""), List.of("distribution", "true", "")),
        CaseExport.factorRows("{\"volume\":12,\"distribution\":true}"));
    assertEquals(List.of(List.of("pas du JSON", "", "")), CaseExport.factorRows("pas du JSON"));
    assertEquals(List.of(), CaseExport.factorRows(null));
  }

  @Test
  void timesAreParisTimeWithTheirOffsetEvenOnTheNightTheClocksGoBack() {
    assertEquals("2026-10-25 02:30:00 +02:00",
        CaseExport.paris(Instant.parse("2026-10-25T00:30:00Z")));
    assertEquals("2026-10-25 02:30:00 +01:00",
        CaseExport.paris(Instant.parse("2026-10-25T01:30:00Z")));
    assertEquals("—", CaseExport.paris(null));
  }

  @Test
  void thePdfFlowsItsSectionsSaysNeantForAnEmptyOneAndEndsWithTheManifest() throws Exception {
    List<ExportSection> sections = List.of(
        ExportSection.ofLines("summary", "1. Résumé", List.of("Référence : D-2026-0042")),
        ExportSection.ofLines("suspects", "2. Identités des suspects", List.of()),
        ExportSection.ofLines("attribution", "3. Chaîne d’attribution", List.of()),
        new ExportSection("risk", "5. Évaluation du risque", List.of(
            new ExportSection.Line("S-1 — priorité calculée P2"),
            new ExportSection.Table(List.of("Facteur", "Points", "Élément retenu"), List.of(
                List.of("Accès à des enfants", "0", "—"),
                List.of("Contenus inconnus", "12.5", "1 média inconnu"))))),
        ExportSection.ofLines("exhibits", "8. Pièces", List.of()));
    String hash = CaseManifest.sha256(CaseManifest.text(sections));
    byte[] pdf = CasePdf.render("D-2026-0042", "Dossier test", sections, hash);

    PdfReader reader = new PdfReader(pdf);
    PdfTextExtractor extractor = new PdfTextExtractor(reader);
    int pages = reader.getNumberOfPages();
    String body = extractor.getTextFromPage(1);
    String last = extractor.getTextFromPage(pages);
    reader.close();
    assertEquals(2, pages, "the sections on one page, the manifest on the last");
    assertTrue(body.contains("2. Identités des suspects") && body.contains("8. Pièces")
        && body.contains("Heures de Paris"), body);
    assertEquals(3, body.split("Néant\\.", -1).length - 1, "one « Néant. » per empty section");
    assertTrue(body.contains("Contenus inconnus") && body.contains("Élément retenu")
        && body.contains("1 média inconnu"), body);
    assertFalse(body.contains("factor=") || body.contains(hash), body);
    assertTrue(last.contains("Empreinte du manifeste") && last.contains(hash)
        && !last.contains("Résumé"), last);
  }

  @Test
  void statusesGoForwardOneStepAtATime() {
    assertEquals(Optional.of(CaseStatus.IDENTIFICATION), CaseStatus.OPEN.next());
    assertEquals(Optional.of(CaseStatus.READY_FOR_ACTION), CaseStatus.IDENTIFICATION.next());
    assertEquals(Optional.of(CaseStatus.IN_OPERATION), CaseStatus.READY_FOR_ACTION.next());
    assertEquals(Optional.empty(), CaseStatus.IN_OPERATION.next());
    assertThrows(IllegalArgumentException.class, () -> new Transition.Refused(
        CaseStatus.OPEN, CaseStatus.CLOSED, List.of()));
  }

  @Test
  void anUploadKeepsANameNeverAPath() {
    assertEquals("pv.txt", new CaseExhibits.Upload("C:\\Users\\x\\pv.txt", null, " ", null)
        .fileName());
    assertEquals("pv.txt", new CaseExhibits.Upload("/tmp/../pv.txt", null, null, null)
        .fileName());
    assertThrows(IllegalArgumentException.class,
        () -> new CaseExhibits.Upload(" ", null, null, null));
  }
}
