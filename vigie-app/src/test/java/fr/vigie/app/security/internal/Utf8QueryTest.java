package fr.vigie.app.security.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which field of a raw query string is not UTF-8. */
class Utf8QueryTest {

  @Test
  void acceptsUtf8AndPlainQueries() {
    assertEquals(Optional.empty(), Utf8Query.firstInvalid(null));
    assertEquals(Optional.empty(), Utf8Query.firstInvalid(""));
    assertEquals(Optional.empty(), Utf8Query.firstInvalid("lang=en&q=caf%C3%A9+cr%C3%A8me&flag"));
    assertEquals(Optional.empty(), Utf8Query.firstInvalid("emoji=%F0%9F%98%80&&x="));
  }

  @Test
  void namesTheFirstFieldWhoseValueIsNotUtf8() {
    assertEquals(Optional.of(new Utf8Query.Invalid("lang")), Utf8Query.firstInvalid("lang=%C3%28"));
    assertEquals(Optional.of(new Utf8Query.Invalid("b")),
        Utf8Query.firstInvalid("a=ok&b=%FF&c=%C3%28"));
    // A lone continuation byte, an overlong form, a cut sequence, a UTF-16 surrogate.
    for (String bad : new String[] {"%80", "%C0%AF", "%E2%82", "%ED%A0%80"}) {
      assertEquals(Optional.of(new Utf8Query.Invalid("q")), Utf8Query.firstInvalid("q=" + bad),
          bad);
    }
  }

  @Test
  void saysSoWithoutANameWhenTheNameIsNotUtf8() {
    assertEquals(Optional.of(new Utf8Query.Invalid(null)), Utf8Query.firstInvalid("%C3%28=1"));
  }

  @Test
  void leavesMalformedEscapesToTheServer() {
    assertEquals(Optional.empty(), Utf8Query.firstInvalid("a=%ZZ&b=%C"));
    assertEquals(Optional.of(new Utf8Query.Invalid("c")), Utf8Query.firstInvalid("a=%ZZ&c=%C3%28"));
  }
}
