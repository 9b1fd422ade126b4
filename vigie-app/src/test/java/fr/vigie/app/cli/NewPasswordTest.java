package fr.vigie.app.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

class NewPasswordTest {

  /** A terminal that answers each question with the next of the given lines. */
  private static final class ScriptedTerminal implements NewPassword.Prompt {
    final Deque<char[]> answers = new ArrayDeque<>();
    final List<char[]> given = new ArrayList<>();

    ScriptedTerminal(String... lines) {
      for (String line : lines) {
        answers.add(line.toCharArray());
      }
    }

    @Override
    public char[] ask(String question) {
      char[] answer = answers.poll();
      if (answer != null) {
        given.add(answer);
      }
      return answer;
    }
  }

  @Test
  void acceptsTheSamePasswordTypedTwiceAndWipesWhatWasTyped() {
    ScriptedTerminal terminal = new ScriptedTerminal("correct-horse-battery", "correct-horse-battery");
    assertEquals("correct-horse-battery", NewPassword.fromPrompt(terminal));
    for (char[] typed : terminal.given) {
      assertArrayEquals(new char[typed.length], typed);
    }
  }

  @Test
  void refusesTwoDifferentPasswords() {
    Refused refused = assertThrows(Refused.class, () -> NewPassword.fromPrompt(
        new ScriptedTerminal("correct-horse-battery", "correct-horse-batterie")));
    assertEquals("the two passwords differ: nothing was changed", refused.getMessage());
  }

  @Test
  void refusesAShortPasswordSayingHowLongItWas() {
    Refused refused = assertThrows(Refused.class, () -> NewPassword.fromPrompt(
        new ScriptedTerminal("court", "court")));
    assertEquals("the password has 5 characters; at least 12 are required", refused.getMessage());
  }

  @Test
  void refusesWhenThereIsNoTerminalAndPointsToStdin() {
    Refused refused = assertThrows(Refused.class, () -> NewPassword.fromConsole(null));
    assertEquals("no terminal to ask for the password: pipe it with --password-stdin",
        refused.getMessage());
  }

  @Test
  void readsOneLineFromStandardInputWithoutItsLineEnd() throws Exception {
    assertEquals("mot de passe avec espaces", NewPassword.fromStream(new ByteArrayInputStream(
        "mot de passe avec espaces\r\nligne suivante\n".getBytes(StandardCharsets.UTF_8))));
    assertThrows(Refused.class, () -> NewPassword.fromStream(new ByteArrayInputStream(new byte[0])));
  }
}
