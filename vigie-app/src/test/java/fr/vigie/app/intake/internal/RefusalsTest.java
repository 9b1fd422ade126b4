package fr.vigie.app.intake.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Refusals counted by reason, without the entry names that make each reason different. */
class RefusalsTest {

  @Test
  void theEntryNameAReasonEndsWithIsNotPartOfItsKind() {
    assertEquals("not a report entry (.xml, .jsonl, .ndjson, .csv), skipped", Refusals.kindOf(
        "lot.zip!/photos/img-1.png",
        "not a report entry (.xml, .jsonl, .ndjson, .csv), skipped: photos/img-1.png"));
    assertEquals("nested zip not followed", Refusals.kindOf("lot.zip!/a\\b.zip",
        "nested zip not followed: a\\b.zip"));
    assertEquals("invalid IP address: 192.0.2.999", Refusals.kindOf("lot.xml",
        "invalid IP address: 192.0.2.999"), "a value that is not the name stays");
    assertEquals(Refusals.REASON_CHARS, Refusals.kindOf("f", "x".repeat(5000)).length());
  }

  @Test
  void countsEachReasonWithItsFirstNamesAndCapsTheKinds() {
    Refusals job = new Refusals();
    Refusals batch = new Refusals();
    for (int i = 1; i <= 8; i++) {
      batch.add("z!/p" + i + ".png", 0, 0, "", "not a report entry, skipped: p" + i + ".png",
          job);
    }
    job.addAll(batch);
    Refusals next = new Refusals();
    next.add("z!/p9.png", 0, 0, "", "not a report entry, skipped: p9.png", job);
    for (int i = 0; i < Refusals.MAX_REASONS + 5; i++) {
      next.add("z!/e" + i, 3, 4, "f", "reason " + i, job);
    }
    job.addAll(next);
    List<Refusals.Summary> all = job.summaries();
    assertEquals(Refusals.MAX_REASONS + 1, all.size(), "100 reasons, then the others together");
    Refusals.Summary pictures = all.getFirst();
    assertEquals(9, pictures.occurrences());
    assertEquals(List.of("z!/p1.png", "z!/p2.png", "z!/p3.png", "z!/p4.png", "z!/p5.png"),
        pictures.examples());
    assertEquals(4, pictures.more());
    Refusals.Summary others = all.getLast();
    assertEquals(Refusals.OTHER_REASONS, others.reason());
    assertEquals(6, others.occurrences());
    assertEquals(Refusals.MAX_REASONS + 5 + 9, job.total());
  }
}
