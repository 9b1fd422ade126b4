package fr.vigie.app.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A checkpoint line: the text its signature covers, and reading it back field by field. */
class CheckpointTest {

  static final String SHA = "ab".repeat(32);
  static final Checkpoint ONE = new Checkpoint(1000, SHA, Instant.parse("2026-10-25T00:30:00Z"),
      "interval", "vigie-1.example.org", "ed25519:0123456789abcdef", "c2lnbmF0dXJl");

  @Test
  void signsAFixedTextOfItsFields() {
    assertEquals("""
        vigie-audit-checkpoint-v1
        position=1000
        sha256=%s
        at=2026-10-25T00:30:00.000000Z
        reason=interval
        node=vigie-1.example.org
        key=ed25519:0123456789abcdef
        """.formatted(SHA), ONE.signedText());
  }

  @Test
  void isOneJsonLineReadBackAsItWas() {
    String line = ONE.toJsonLine();
    assertEquals("{\"format\":\"vigie-audit-checkpoint-v1\",\"position\":1000,\"sha256\":\""
        + SHA + "\",\"at\":\"2026-10-25T00:30:00.000000Z\",\"reason\":\"interval\","
        + "\"node\":\"vigie-1.example.org\",\"key\":\"ed25519:0123456789abcdef\","
        + "\"signature\":\"c2lnbmF0dXJl\"}", line);
    assertEquals(ONE, Checkpoint.parse(line));
  }

  @Test
  void namesTheFieldThatDoesNotDo() {
    String line = ONE.toJsonLine();
    for (String[] bad : new String[][] {
        {line.replace(SHA, SHA.toUpperCase()), "sha256 must be 64 lower-case hex digits"},
        {line.replace("\"position\":1000", "\"position\":0"), "position must be an entry"},
        {line.replace("\"position\":1000", "\"position\":1.5"), "position: not a whole number"},
        {line.replace("interval", "whenever"), "reason must be one of"},
        {line.replace(",\"key\":\"ed25519:0123456789abcdef\"", ""), "key: missing or not text"},
        {line.replace("2026-10-25T00:30:00.000000Z", "hier"), "at: not an instant"},
        {line.replace("vigie-audit-checkpoint-v1", "v0"), "format: not vigie-audit-checkpoint-v1"},
        {"[1, 2]", "not a JSON object"},
        {line.substring(0, 40), "not a JSON object"}}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> Checkpoint.parse(bad[0]), bad[0]);
      assertTrue(e.getMessage().startsWith(bad[1]), bad[1] + " / " + e.getMessage());
    }
  }
}
