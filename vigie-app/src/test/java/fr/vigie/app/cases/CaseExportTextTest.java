package fr.vigie.app.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import fr.vigie.app.cases.internal.CaseManifest;
import fr.vigie.app.cases.internal.ExportSection;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The pure parts of the export: the manifest's canonical text and the factors' lines. */
class CaseExportTextTest {

  @Test
  void theManifestIsCanonicalTextWithFoldedLineBreaks() {
    List<ExportSection> sections = List.of(
        new ExportSection("summary", "1. Résumé", List.of("Référence : D-2026-0001")),
        new ExportSection("notes", "6. Notes", List.of("ligne 1\r\nligne 2\nligne 3")));
    String text = CaseManifest.text(sections);
    assertEquals("vigie-case-manifest 1\n## summary\nRéférence : D-2026-0001\n## notes\n"
        + "ligne 1 ligne 2 ligne 3\n", text);
    // Known answer: SHA-256 of "abc".
    assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
        CaseManifest.sha256("abc"));
    assertNotEquals(CaseManifest.sha256(text), CaseManifest.sha256(text.replace("2", "3")));
  }

  @Test
  void factorsAreReadFromTriagesJsonWhateverItsShape() {
    assertEquals(List.of("factor=UNKNOWN_MATERIAL; contribution=40; evidence=1 média",
            "factor=ACCESS_TO_CHILDREN; contribution=35.5; evidence=[a, b]"),
        CaseExport.factorLines("""
            [{"factor":"UNKNOWN_MATERIAL","contribution":40,"evidence":"1 média"},
             {"factor":"ACCESS_TO_CHILDREN","contribution":35.5,"evidence":["a","b"]}]"""));
    assertEquals(List.of("volume = 12", "distribution = true"),
        CaseExport.factorLines("{\"volume\":12,\"distribution\":true}"));
    assertEquals(List.of("pas du JSON"), CaseExport.factorLines("pas du JSON"));
    assertEquals(List.of(), CaseExport.factorLines(null));
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
