package fr.vigie.app.suspects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.vigie.app.linking.LinkGraph;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The suspect's graph names what it draws: values, references, rules and line kinds in words. */
class SuspectGraphTest {

  static final Instant T = Instant.parse("2026-03-01T10:00:00Z");

  static SuspectLink link(String fromKind, String from, String toKind, String to, String rule,
      String status, Long report) {
    return new SuspectLink(1, fromKind, from, toKind, to, null, null, rule, "DETERMINISTIC", 40,
        status, "REPORT", report == null ? 0 : report, report, null, null, null);
  }

  @Test
  void identifiersAreDrawnByTheirValueAndReportsByTheirReference() {
    List<SuspectIdentifier> ids = List.of(new SuspectIdentifier("EMAIL", "lea@example.org", T),
        new SuspectIdentifier("SUBSCRIBER", "BERNARD/LEA/1984-07-14/3 RUE DES LILAS/35000", T));
    SuspectGraph graph = SuspectGraph.of(ids, List.of(), List.of(new SuspectHub.Report(3001,
        "DEMO-000042", "Source", "Test", T, List.of("EMAIL|lea@example.org"))),
        Map.of(3001L, "DEMO-000042"));
    Set<String> labels = graph.nodes().stream().map(SuspectGraph.Node::label)
        .collect(Collectors.toSet());
    assertTrue(labels.contains("lea@example.org"), labels::toString);
    assertTrue(labels.contains("DEMO-000042"), labels::toString);
    assertTrue(labels.stream().anyMatch(l -> l.startsWith("BERNARD LEA 1984-07-14")),
        labels::toString);
    assertFalse(labels.stream().anyMatch(l -> l.contains("#")), "no internal number drawn");
    // Without a link, the report naming the identifier is still an evidence line.
    assertEquals(List.of("evidence"), graph.edges().stream().map(SuspectGraph.Edge::type)
        .toList());
    SuspectGraph.Node report = graph.nodes().stream().filter(n -> n.href() != null).findFirst()
        .orElseThrow();
    assertEquals("/signalements/3001", report.href());
    assertTrue(report.width() >= 6 * "DEMO-000042".length(), "the box fits its label");
  }

  @Test
  void aLinkAndItsEvidenceAreEachDrawnOnce() {
    List<SuspectIdentifier> ids = List.of(new SuspectIdentifier("EMAIL", "a@example.org", T),
        new SuspectIdentifier("PHONE", "+33639980001", T));
    SuspectGraph graph = SuspectGraph.of(ids,
        List.of(link("EMAIL", "a@example.org", "PHONE", "+33639980001", "SAME_EMAIL",
            "CONFIRMED", 7L)),
        List.of(new SuspectHub.Report(7, "R-7", "S", "T", T,
            List.of("EMAIL|a@example.org", "PHONE|+33639980001"))), Map.of(7L, "R-7"));
    assertEquals(List.of("evidence", "evidence", "link confirmed"), graph.edges().stream()
        .map(SuspectGraph.Edge::type).sorted().toList());
    SuspectGraph.Edge edge = graph.edges().stream().filter(e -> e.rule() != null).findFirst()
        .orElseThrow();
    assertEquals("SAME_EMAIL", edge.rule());
    assertEquals("a@example.org", edge.from());
  }

  @Test
  void everyRuleLineKindAndIdentifierKindHasWordsInFrenchAndEnglish() throws IOException {
    Set<String> keys = new TreeSet<>();
    LinkGraph.RULE_WEIGHTS.keySet().forEach(r -> keys.add("links.rule." + r));
    keys.add("links.rule.PERSON_SIMILARITY");
    SuspectGraph.LINE_KINDS.forEach(k -> keys.add("links.graph.legend." + k.key()));
    for (String status : List.of("CONFIRMED", "PROPOSED", "REJECTED")) {
      keys.add("links.status." + status);
    }
    for (String kind : List.of("EMAIL", "PHONE", "SCREEN_NAME", "ACCOUNT_ID", "DEVICE_ID",
        "PAYMENT_ID", "URL", "SUBSCRIBER")) {
      keys.add("suspects.kind." + kind);
    }
    for (String bundle : List.of("investigation", "investigation_en")) {
      Properties p = new Properties();
      try (var in = new InputStreamReader(getClass().getResourceAsStream(
          "/i18n/" + bundle + ".properties"), StandardCharsets.UTF_8)) {
        p.load(in);
      }
      for (String key : keys) {
        assertTrue(p.getProperty(key) != null && !p.getProperty(key).isBlank(),
            bundle + " lacks " + key);
      }
    }
  }
}
