package fr.vigie.formats.cybertip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NormalisationTest {

  @ParameterizedTest
  @CsvSource({
      "192.0.2.1, 192.0.2.1",
      "' 203.0.113.255 ', 203.0.113.255",
      "2001:DB8:0:0:0:0:0:1, 2001:db8::1",
      "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
      "2001:0db8:0000:0001:0000:0000:0000:0000, 2001:db8:0:1::",
      "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
      "::, ::",
      "::1, ::1",
      "::ffff:192.0.2.9, 192.0.2.9",
      "0:0:0:0:0:FFFF:C633:6417, 198.51.100.23",
      "[2001:db8::a], 2001:db8::a",
      "64:ff9b::192.0.2.1, 64:ff9b::c000:201",
  })
  void canonicalisesIpAddresses(String in, String out) {
    assertEquals(out, IpAddresses.canonical(in));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "192.0.2", "192.0.2.1.5", "192.0.2.-1", "192.0.2.1a", "01.2.3.4",
      "2001:db8::1::1", "2001:db8:1:2:3:4:5:6:7", "2001:db8::g", "fe80::1%eth0", "12345::",
      "localhost", "example.com", ":::", "1:2:3:4:5:6:7::8:9"})
  void refusesWhatIsNotAnIpLiteral(String in) {
    assertNull(IpAddresses.canonical(in));
  }

  @ParameterizedTest
  @CsvSource({
      "' Jean.Fictif@Example.COM ', jean.fictif@example.com, jean.fictif@example.com",
      "j.e.a.n+x@gmail.com, j.e.a.n+x@gmail.com, jean@gmail.com",
      "Jean+a+b@GoogleMail.com, jean+a+b@googlemail.com, jean@gmail.com",
      "jean+tag@example.org, jean+tag@example.org, jean+tag@example.org",
  })
  void normalisesEmails(String in, String normalized, String key) {
    Email e = Email.of(in);
    assertEquals(in, e.original());
    assertEquals(normalized, e.normalized());
    assertEquals(key, e.canonicalKey());
  }

  @ParameterizedTest
  @CsvSource(nullValues = "null", value = {
      "06 12 34 56 78, null, +33612345678",
      "0612345678, +33, +33612345678",
      "(202) 555-0142, +1, +12025550142",
      "020 7946 0958, 44, +442079460958",
      "+1 202 555 0142, null, +12025550142",
      "not a phone, null, null",
      "0612345678, +999, null",
  })
  void writesPhonesInE164(String in, String callingCode, String e164) {
    Phone p = Phone.of(in, callingCode, null);
    assertEquals(in, p.original());
    assertEquals(e164, p.e164());
  }

  @ParameterizedTest
  @CsvSource({
      "Online Enticement of Children for Sexual Acts, ONLINE_ENTICEMENT",
      "online enticement of children for sexual act, ONLINE_ENTICEMENT",
      "'  Child  Sex Tourism ', CHILD_SEX_TOURISM",
  })
  void readsIncidentTypes(String label, IncidentType type) {
    assertEquals(type, IncidentType.fromLabel(label));
  }
}
