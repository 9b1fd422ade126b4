package fr.vigie.app.intake.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NeutralTest {

  @Test
  void plainTextAccentsAndMarkupCharactersStayAsTheyAre() {
    assertEquals("Modératrice <b>&amp;", Neutral.of("Modératrice <b>&amp;"),
        "markup is escaped by the page, not here");
  }

  @Test
  void aBidirectionalOverrideIsWrittenOutSoThatTheNameReadsAsItIs() {
    assertEquals("photo[U+202E]gpj.exe", Neutral.of("photo\u202Egpj.exe"));
    assertEquals("a[U+200B]b[U+FEFF]c[U+2066]", Neutral.of("a\u200Bb\uFEFFc\u2066"));
  }

  @Test
  void controlsAndLineBreaksAreWrittenOut() {
    assertEquals("line[U+000A]two[U+0009][U+0000][U+2028]", Neutral.of("line\ntwo\t\0\u2028"));
  }

  @Test
  void aLongValueIsCutAndSaysHowLongItWas() {
    String shown = Neutral.of("x".repeat(5000));
    assertTrue(shown.startsWith("x".repeat(Neutral.MAX_SHOWN) + "… (5000 characters)"), shown);
    assertEquals(Neutral.MAX_SHOWN + "… (5000 characters)".length(), shown.length());
  }

  @Test
  void nullIsEmpty() {
    assertEquals("", Neutral.of(null));
  }
}
