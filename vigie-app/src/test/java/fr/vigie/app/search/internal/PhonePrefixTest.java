package fr.vigie.app.search.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PhonePrefixTest {

  @Test
  void aFrenchNumberTypedTheNationalWayIsSearchedInE164() {
    assertEquals("+33694241421", JdbcSearch.asPhonePrefix("06 94 24 14 21"));
    assertEquals("+3369424", JdbcSearch.asPhonePrefix("06.94.24"));
    assertEquals("+33142", JdbcSearch.asPhonePrefix("01-42"));
  }

  @Test
  void internationalPrefixesBecomeAPlus() {
    assertEquals("+447700", JdbcSearch.asPhonePrefix("0044 7700"));
    assertEquals("+447700900", JdbcSearch.asPhonePrefix("+44 7700 900"));
  }

  @Test
  void anythingElseIsSearchedAsTyped() {
    assertEquals("marie@example.com", JdbcSearch.asPhonePrefix("marie@example.com"));
    assertEquals("D-2026", JdbcSearch.asPhonePrefix("D-2026"));
    assertEquals("0", JdbcSearch.asPhonePrefix("0"));
  }
}
