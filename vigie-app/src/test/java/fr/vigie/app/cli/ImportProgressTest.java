package fr.vigie.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

class ImportProgressTest {

  @Test
  void aBarWithShareRateAndTimeLeftOnATerminal() {
    // 30 s for a quarter of the bytes: 90 s left.
    String bar = ImportProgress.bar(12_345, 30, 250, 1000, 2, 5);
    assertEquals("[######------------------]  25%  12,345 reports  412 reports/s  ETA 1:30"
        + "  file 2/5", bar);
    assertTrue(ImportProgress.bar(0, 0.1, 0, 1000, 1, 1).contains("ETA --:--"),
        "nothing read yet: no estimate");
    assertFalse(ImportProgress.bar(1, 1, 1, 2, 1, 1).contains("file"), "one file: no count");
  }

  @Test
  void plainLinesWhenNotATerminal() {
    assertEquals("import: 50%, 1,000 reports, 100 reports/s, ETA 0:10, file 1/2",
        ImportProgress.plain(1000, 10, 5, 10, 1, 2));
  }

  @Test
  void timeLeftInHoursMinutesSeconds() {
    assertEquals("1:00:00", ImportProgress.eta(3600, 0.5));
    assertEquals("0:00", ImportProgress.eta(10, 1.0));
    assertEquals("--:--", ImportProgress.eta(10, 0));
  }

  @Test
  void plainModePrintsWholeLinesAndATerminalIsClearedAtTheEnd() throws Exception {
    StringWriter out = new StringWriter();
    LongAdder records = new LongAdder();
    ImportProgress p = new ImportProgress(new PrintWriter(out), true, 100, 1, records).start();
    records.add(7);
    p.currentBytes.add(50);
    Thread.sleep(ImportProgress.TERMINAL_EVERY_MILLIS * 3);
    p.stop();
    String drawn = out.toString();
    assertTrue(drawn.startsWith("\r["), drawn);
    assertTrue(drawn.contains(" 50%  7 reports"), drawn);
    assertTrue(drawn.endsWith("\r"), "the bar is wiped before the summary");
    assertFalse(drawn.contains("\n"));
  }
}
