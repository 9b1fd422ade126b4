package fr.vigie.app.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletResponse;

class CsvDownloadTest {

  @Test
  void writesAnAttachmentWithTheHeaderNeutralisedCellsAndTheCappedLineOnlyWhenCapped()
      throws Exception {
    MockHttpServletResponse response = new MockHttpServletResponse();
    CsvDownload csv = CsvDownload.start(response, "liste.csv", List.of("a", "b"));
    assertTrue(csv.hasRoom());
    assertEquals(CsvDownload.MAX_ROWS, csv.room());
    csv.row(Arrays.asList("=1+1", null));
    csv.row(List.of("@x", "texte\u202Eà"));
    assertEquals(CsvDownload.MAX_ROWS - 2, csv.room());
    csv.finish(true, "Export arrêté à 100000 lignes");
    assertTrue(response.getContentType().startsWith("text/csv"));
    assertTrue(response.getHeader("Content-Disposition").startsWith("attachment"));
    assertEquals("\uFEFFa,b\r\n'=1+1,\r\n'@x,texte⟨U+202E⟩à\r\nExport arrêté à 100000 lignes\r\n",
        response.getContentAsString(StandardCharsets.UTF_8));

    MockHttpServletResponse whole = new MockHttpServletResponse();
    CsvDownload all = CsvDownload.start(whole, "liste.csv", List.of("a"));
    all.row(List.of("1"));
    all.finish(false, "never written");
    assertEquals("\uFEFFa\r\n1\r\n", whole.getContentAsString(StandardCharsets.UTF_8));
  }
}
