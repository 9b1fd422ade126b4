package fr.vigie.app.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.vigie.app.intake.ReportDraft;
import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SyntheticDataTest {

  private final SyntheticData.DataSet data = SyntheticData.generate(2000, 7L);

  @Test
  void sameSeedGivesTheSameDataAndAnotherSeedDoesNot() {
    assertEquals(data, SyntheticData.generate(2000, 7L));
    assertTrue(!data.reports().equals(SyntheticData.generate(2000, 8L).reports()));
  }

  @Test
  void usesOnlyDocumentationAddressRanges() throws Exception {
    for (ReportDraft report : data.reports()) {
      for (ReportDraft.IpEvent event : report.ipEvents()) {
        byte[] a = InetAddress.getByName(event.ip()).getAddress();
        boolean documentation = a.length == 4
            ? (a[0] == (byte) 192 && a[1] == 0 && a[2] == 2)
                || (a[0] == (byte) 198 && a[1] == 51 && a[2] == 100)
                || (a[0] == (byte) 203 && a[1] == 0 && a[2] == 113)
            : (a[0] == 0x20 && a[1] == 0x01 && a[2] == 0x0d && a[3] == (byte) 0xb8);
        assertTrue(documentation, event.ip() + " in " + report.externalId());
      }
    }
  }

  @Test
  void usesOnlyReservedDomainsAndFictionalPhoneNumbers() {
    Set<String> domains = Set.of("example.com", "example.net", "example.org");
    for (ReportDraft report : data.reports()) {
      for (ReportDraft.Identifier id : report.identifiers()) {
        switch (id.kind()) {
          case "EMAIL" -> assertTrue(domains.contains(id.normalized().split("@")[1]), id.normalized());
          // ARCEP's range for fiction: 06 39 98 00 00 to 06 39 98 99 99.
          case "PHONE" -> assertTrue(id.normalized().matches("\\+3363998\\d{4}"), id.normalized());
          case "SCREEN_NAME" -> assertTrue(!id.normalized().isBlank());
          default -> throw new AssertionError("unexpected identifier kind " + id.kind());
        }
      }
    }
  }

  @Test
  void spreadsReportsOverTheYearAndMatchesAboutAFifthOfTheFiles() {
    List<Instant> received = data.reports().stream().map(ReportDraft::receivedAt).sorted().toList();
    assertTrue(received.getFirst().isAfter(Instant.parse("2025-12-31T23:59:59Z")));
    assertTrue(received.getLast().isBefore(Instant.parse("2026-11-01T00:00:00Z")));
    Set<Integer> months = received.stream()
        .map(i -> i.atZone(java.time.ZoneOffset.UTC).getMonthValue()).collect(Collectors.toSet());
    assertEquals(10, months.size());

    Set<String> known = data.hashSet().entries().stream()
        .filter(e -> e.algorithm().equals("SHA256")).map(e -> e.value())
        .collect(Collectors.toSet());
    long files = data.reports().stream().mapToLong(r -> r.media().size()).sum();
    long matching = data.reports().stream().flatMap(r -> r.media().stream())
        .filter(m -> known.contains(m.sha256())).count();
    double share = (double) matching / files;
    assertTrue(share > 0.15 && share < 0.25, "share of known files " + share);
  }

  @Test
  void somePeopleAppearInSeveralReports() {
    long distinctEmails = data.reports().stream()
        .map(r -> r.identifiers().getFirst().canonicalKey()).distinct().count();
    assertTrue(distinctEmails < data.reports().size() * 0.7, "distinct emails " + distinctEmails);
    assertTrue(distinctEmails > data.reports().size() * 0.1, "distinct emails " + distinctEmails);
  }
}
