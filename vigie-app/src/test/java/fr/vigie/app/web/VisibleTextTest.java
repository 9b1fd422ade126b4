package fr.vigie.app.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Hidden characters of outside text shown as markers, and put back from them. */
class VisibleTextTest {

  @Test
  void aRightToLeftOverrideIsShownWhereItIsNotObeyed() {
    assertEquals("invoice⟨U+202E⟩gnp.exe", VisibleText.of("invoice\u202Egnp.exe"));
    assertEquals("invoice<U+202E>gnp.exe", VisibleText.forPdf("invoice\u202Egnp.exe"));
  }

  @Test
  void everyBidiControlNulAndOtherControlIsReplaced() {
    int[] hidden = {0x0000, 0x0001, 0x0008, 0x000B, 0x000C, 0x001B, 0x001F, 0x007F, 0x0080,
        0x0085, 0x009F, 0x061C, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066,
        0x2067, 0x2068, 0x2069};
    for (int c : hidden) {
      String shown = VisibleText.of("a" + (char) c + "b");
      assertEquals("a⟨U+" + String.format("%04X", c) + "⟩b", shown);
      assertTrue(VisibleText.hidden(c));
    }
  }

  @Test
  void textLineBreaksAndEverythingElseAreLeftAsTheyAre() {
    String text = "ligne 1\tcolonne\r\nligne 2 — é ü 漢字 \uD83D\uDE00 \u00A0\u200B";
    assertSame(text, VisibleText.of(text));
    assertFalse(VisibleText.hidden(' '));
    assertNull(VisibleText.of(null));
  }

  @Test
  void whatWasShownIsPutBackExactly() {
    String original = "nom\u202Etxt.exe\u0000fin \u2066x\u2069";
    assertEquals(original, VisibleText.restore(VisibleText.of(original)));
    assertEquals("⟨U+0041⟩ stays: not a hidden character",
        VisibleText.restore("⟨U+0041⟩ stays: not a hidden character"));
    assertEquals("⟨U+20⟩ ⟨U+ZZZZ⟩", VisibleText.restore("⟨U+20⟩ ⟨U+ZZZZ⟩"));
  }
}
