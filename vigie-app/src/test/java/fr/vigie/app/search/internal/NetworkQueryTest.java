package fr.vigie.app.search.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class NetworkQueryTest {

  @Test
  void anIpv4AddressOrRangeIsKeptAsTyped() {
    assertEquals("192.0.2.7", JdbcSearch.asNetwork(" 192.0.2.7 "));
    assertEquals("192.0.2.0/24", JdbcSearch.asNetwork("192.0.2.0/24"));
  }

  @Test
  void anIpv6AddressInAnyWrittenFormIsOneAddress() {
    String a = JdbcSearch.asNetwork("2001:DB8:0:0::1");
    assertEquals(a, JdbcSearch.asNetwork("2001:db8::1"));
    assertEquals(a, JdbcSearch.asNetwork("2001:0db8:0000:0000:0000:0000:0000:0001"));
    assertEquals(a + "/48", JdbcSearch.asNetwork("2001:db8::1/48"));
  }

  @Test
  void anythingElseIsNotANetwork() {
    assertNull(JdbcSearch.asNetwork("192.0.2"));
    assertNull(JdbcSearch.asNetwork("192.0.2.256"));
    assertNull(JdbcSearch.asNetwork("192.0.2.0/33"));
    assertNull(JdbcSearch.asNetwork("2001:db8::/129"));
    assertNull(JdbcSearch.asNetwork("2001:db8:::1:zz"));
    assertNull(JdbcSearch.asNetwork("D-2026"));
    assertNull(JdbcSearch.asNetwork("jean@example.org"));
    assertNull(JdbcSearch.asNetwork("06 12 34 56 78"));
  }
}
