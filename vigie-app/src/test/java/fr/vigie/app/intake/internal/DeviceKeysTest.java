package fr.vigie.app.intake.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class DeviceKeysTest {

  @Test
  void anImeiTypedInGroupsOrWithoutIsOneKey() {
    assertEquals("IMEI:013456789012345", DeviceKeys.canonical("imei", "01-345678-901234-5"));
    assertEquals("IMEI:013456789012345", DeviceKeys.canonical("IMEI", " 01 345678 901234 5 "));
    assertEquals("013456789012345", DeviceKeys.normalized("IMEI", "01.345678.901234.5"));
  }

  @Test
  void aLeadingZeroIsKeptSinceAnIdIsNeverANumber() {
    assertNotEquals(DeviceKeys.canonical("IMEI", "013456789012345"),
        DeviceKeys.canonical("IMEI", "13456789012345"));
  }

  @Test
  void aValueThatIsNotAGroupedNumberStaysAsWritten() {
    assertEquals("IMEI:IMEI-35-209900-176148-1",
        DeviceKeys.canonical("IMEI", "IMEI-35-209900-176148-1"));
    assertEquals("SSID:Example-WiFi", DeviceKeys.canonical("SSID", "Example-WiFi"));
    assertNotEquals(DeviceKeys.canonical("SSID", "example-wifi"),
        DeviceKeys.canonical("SSID", "Example-WiFi"), "an SSID's case is its own");
  }

  @Test
  void macAddressesAreLowerCaseWithColons() {
    assertEquals("MAC:00:1a:2b:3c:4d:5e", DeviceKeys.canonical("MAC", "00-1A-2B-3C-4D-5E"));
    assertEquals("MAC:00:1a:2b:3c:4d:5e", DeviceKeys.canonical("mac", "001a.2b3c.4d5e"));
  }

  @Test
  void theTypeIsPartOfTheKey() {
    assertNotEquals(DeviceKeys.canonical("IMEI", "8933000011112222"),
        DeviceKeys.canonical("ICCID", "8933000011112222"));
  }
}
