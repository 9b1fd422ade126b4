package fr.vigie.hashing.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.vigie.hashing.ContentDigester;
import fr.vigie.hashing.ContentHashes;
import fr.vigie.hashing.PdqHash;
import fr.vigie.hashing.PdqResult;
import fr.vigie.hashing.scan.ScanOutcome.Hashed;
import fr.vigie.hashing.scan.ScanOutcome.Kind;
import fr.vigie.hashing.scan.ScanOutcome.Reason;
import fr.vigie.hashing.scan.ScanOutcome.Skipped;
import fr.vigie.hashing.scan.ScanOutcome.Unreadable;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OutcomeWritersTest {

  static final ContentHashes EMPTY = new ContentDigester().digest(new byte[0]);
  static final Instant T = Instant.parse("2026-03-01T10:15:30Z");

  static final Hashed IMAGE = new Hashed(Path.of("a/b \"c\".jpg"), T, EMPTY,
      Optional.of(new PdqResult(PdqHash.ZERO, 87)),
      List.of(new KnownMatch("set, one", "notable", KnownMatch.By.PDQ, 12)));
  static final Hashed FORMULA = new Hashed(Path.of("=HYPERLINK(\"x\")"), T, EMPTY,
      Optional.empty(), List.of());
  static final Unreadable DENIED =
      new Unreadable(Path.of("x\ny"), Reason.PERMISSION_DENIED, "permission denied");
  static final Skipped FIFO = new Skipped(Path.of("p"), Kind.SPECIAL_FILE, "not opened");

  @Test
  void writesRfc4180CsvWithFormulasNeutralised() throws Exception {
    StringWriter out = new StringWriter();
    CsvOutcomeWriter csv = new CsvOutcomeWriter(out);
    csv.accept(IMAGE);
    csv.accept(FORMULA);
    csv.accept(DENIED);
    csv.accept(FIFO);

    String[] lines = out.toString().split("\r\n", -1);
    assertEquals("path,outcome,size,modified,md5,sha1,sha256,pdq,pdq_quality,reason,detail,matches",
        lines[0]);
    assertEquals("\"a/b \"\"c\"\".jpg\",hashed,0,2026-03-01T10:15:30Z," + EMPTY.md5() + ","
        + EMPTY.sha1() + "," + EMPTY.sha256() + "," + "0".repeat(64) + ",87,,,"
        + "\"set, one:notable:PDQ:12\"", lines[1]);
    assertTrue(lines[2].startsWith("\"'=HYPERLINK(\"\"x\"\")\",hashed,"), lines[2]);
    assertEquals("\"x\ny\",unreadable,,,,,,,,PERMISSION_DENIED,permission denied,", lines[3]);
    assertEquals("p,skipped,,,,,,,,SPECIAL_FILE,not opened,", lines[4]);
    assertEquals("", lines[5]);
  }

  @Test
  void writesOneJsonObjectPerLineWithPathFirst() throws Exception {
    StringWriter out = new StringWriter();
    JsonLinesOutcomeWriter jsonl = new JsonLinesOutcomeWriter(out);
    jsonl.accept(IMAGE);
    jsonl.accept(DENIED);

    String[] lines = out.toString().split("\n");
    assertEquals("{\"path\":\"a/b \\\"c\\\".jpg\",\"outcome\":\"hashed\",\"size\":0,"
        + "\"modified\":\"2026-03-01T10:15:30Z\",\"md5\":\"" + EMPTY.md5() + "\",\"sha1\":\""
        + EMPTY.sha1() + "\",\"sha256\":\"" + EMPTY.sha256() + "\",\"pdq\":\"" + "0".repeat(64)
        + "\",\"pdq_quality\":87,\"matches\":[{\"hash_set\":\"set, one\",\"category\":\"notable\","
        + "\"by\":\"PDQ\",\"distance\":12}]}", lines[0]);
    assertEquals("{\"path\":\"x\\ny\",\"outcome\":\"unreadable\",\"reason\":\"PERMISSION_DENIED\","
        + "\"detail\":\"permission denied\",\"matches\":[]}", lines[1]);
  }

  @Test
  void summarisesByCategoryAndKeepsTheFirstReasons() {
    ScanSummary summary = new ScanSummary();
    summary.accept(IMAGE);
    summary.accept(FORMULA);
    summary.accept(DENIED);
    summary.accept(FIFO);
    summary.accept(new Unreadable(Path.of("bad.png"), Reason.BROKEN_IMAGE, "truncated",
        Optional.of(EMPTY), List.of(new KnownMatch("s", "known", KnownMatch.By.MD5, 0))));

    assertEquals(3, summary.hashedFiles());
    assertEquals(2, summary.unreadable());
    assertEquals(Map.of("notable", 1L, "known", 1L), summary.filesByCategory());
    assertEquals(Map.of(Kind.SPECIAL_FILE, 1L), summary.skippedByKind());
    assertEquals(List.of(DENIED.path(), Path.of("bad.png")),
        summary.firstUnreadable().stream().map(ScanOutcome::path).toList());
    assertTrue(summary.toText().contains("  notable: 1 files\n"), summary.toText());
  }
}
