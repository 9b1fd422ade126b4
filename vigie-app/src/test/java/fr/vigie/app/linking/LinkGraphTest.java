package fr.vigie.app.linking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.vigie.app.linking.FellegiSunter.Traits;
import fr.vigie.app.linking.LinkGraph.Link;
import fr.vigie.app.linking.LinkGraph.PersonRecord;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The linking rules on small hand-made graphs, and Fellegi–Sunter weights computed by hand. */
class LinkGraphTest {

  static final Instant T = Instant.parse("2026-03-01T10:00:00Z");

  static PersonRecord person(long id, long report, String... keys) {
    return new PersonRecord(id, report, T, List.of(keys), null, false);
  }

  static List<Set<String>> partition(LinkGraph.Result r) {
    return r.clusters().stream().map(c -> Set.copyOf(c.keys())).toList();
  }

  @Test
  void sameEmailJoinsTwoReportsAndTheLinkNamesTheRuleAndTheReport() {
    var r = new LinkGraph()
        .add(person(1, 10, "EMAIL|a@example.org", "PHONE|+33600000001"))
        .add(person(2, 11, "EMAIL|a@example.org", "SCREEN_NAME|chat:zed"))
        .add(person(3, 12, "EMAIL|b@example.org"))
        .solve();
    assertEquals(List.of(Set.of("EMAIL|a@example.org", "PHONE|+33600000001",
        "SCREEN_NAME|chat:zed"), Set.of("EMAIL|b@example.org")), partition(r));
    assertEquals(List.of(
        new Link("EMAIL|a@example.org", "PHONE|+33600000001", "SAME_EMAIL", "DETERMINISTIC",
            40.0, "CONFIRMED", "REPORT", 10, null, null),
        new Link("EMAIL|a@example.org", "SCREEN_NAME|chat:zed", "SAME_EMAIL", "DETERMINISTIC",
            40.0, "CONFIRMED", "REPORT", 11, null, null)), r.links());
  }

  @Test
  void eachKindOfSharedIdentifierHasItsRule() {
    for (var c : List.of(List.of("PHONE|+33611111111", "SAME_PHONE"),
        List.of("ACCOUNT_ID|snap:123", "SAME_ACCOUNT"), List.of("DEVICE_ID|imei1", "SAME_DEVICE"),
        List.of("PAYMENT_ID|iban1", "SAME_PAYMENT"))) {
      var r = new LinkGraph().add(person(1, 10, c.get(0), "URL|x:u1"))
          .add(person(2, 11, c.get(0), "URL|x:u2")).solve();
      assertEquals(1, r.clusters().size(), c.get(0));
      assertTrue(r.links().stream().allMatch(l -> l.rule().equals(c.get(1))), r.links()::toString);
    }
  }

  @Test
  void theSameScreenNameOnTwoPlatformsIsTwoPeople() {
    String a = LinkKeys.reported("SCREEN_NAME", "Snapchat", "zed");
    String b = LinkKeys.reported("SCREEN_NAME", "Discord", "zed");
    var r = new LinkGraph().add(person(1, 10, a, "EMAIL|a@example.org"))
        .add(person(2, 11, b, "EMAIL|b@example.org")).solve();
    assertEquals(2, r.clusters().size());
  }

  @Test
  void theSameSubscriberForTwoEventsJoinsTheirReports() {
    String sub = LinkKeys.subscriber(1, "Jean", "Dupont", null, LocalDate.of(1980, 5, 17),
        "3 rue des Lilas", "69003");
    assertEquals(sub, LinkKeys.subscriber(2, "JEAN", "dupont", null, LocalDate.of(1980, 5, 17),
        "3, rue des lilas", "69003"), "normalised");
    var r = new LinkGraph()
        .add(person(1, 10, "EMAIL|a@example.org"))
        .add(person(2, 11, "PHONE|+33600000002"))
        .add(new LinkGraph.SubscriberRecord(100, 10, T, sub, null, "69", false))
        .add(new LinkGraph.SubscriberRecord(101, 11, T, sub, null, "69", false))
        .solve();
    assertEquals(1, r.clusters().size());
    assertEquals("69", r.clusters().get(0).subscriberDepartement());
    assertEquals(Set.of(100L, 101L), Set.copyOf(r.links().stream()
        .filter(l -> l.rule().equals("SAME_SUBSCRIBER")).map(Link::evidenceId).toList()));
  }

  @Test
  void aSplitIsNeverUndoneByNewEvidenceButALaterMergeLiftsIt() {
    var split = new LinkGraph.Split(7, T, Set.of("PHONE|+33600000001"),
        Set.of("EMAIL|a@example.org"));
    var r = new LinkGraph()
        .add(person(1, 10, "EMAIL|a@example.org", "PHONE|+33600000001"))
        .add(person(2, 11, "PHONE|+33600000001", "DEVICE_ID|d1", "EMAIL|a@example.org"))
        .decisions(List.of(), List.of(split), List.of()).solve();
    assertEquals(2, r.clusters().size(), partition(r)::toString);
    assertTrue(r.links().stream().anyMatch(l -> l.status().equals("REJECTED")
        && "decision:SPLIT#7".equals(l.decidedBy())));
    var merge = new LinkGraph.Merge(8, T.plusSeconds(60), List.of("EMAIL|a@example.org"),
        List.of("PHONE|+33600000001"), "alice");
    var again = new LinkGraph()
        .add(person(1, 10, "EMAIL|a@example.org", "PHONE|+33600000001"))
        .decisions(List.of(merge), List.of(split), List.of()).solve();
    assertEquals(1, again.clusters().size());
  }

  @Test
  void fellegiSunterWeightsAsComputedByHand() {
    // log2(0.90/0.002) = log2(450) = 8.8138; log2(0.88/0.01) = 6.4594;
    // log2(0.97/0.0001) = 13.2438; log2(0.85/0.001) = 9.7313; total 38.2483.
    Traits a = new Traits("Jean", "Dupont", LocalDate.of(1980, 5, 17), null, "69003");
    Traits b = new Traits("jean", "DUPONT", LocalDate.of(1980, 5, 17), null, "69 003");
    assertEquals(38.2483, FellegiSunter.total(a, b), 1e-3);
    assertEquals(FellegiSunter.total(a, b), FellegiSunter.total(FellegiSunter.Prepared.of(a),
        FellegiSunter.Prepared.of(b)), 1e-9);
    // Same household: same name and address, another first name and birth date:
    // 8.8138 - 5.0149 - 5.0588 + 9.7313 + 11.7731 = 20.2445, below the threshold.
    Traits father = new Traits("Jean", "Dupont", LocalDate.of(1960, 1, 2), "3 rue des Lilas",
        "69003");
    Traits son = new Traits("Luc", "Dupont", LocalDate.of(1990, 3, 4), "3 rue des lilas",
        "69003");
    assertEquals(20.2445, FellegiSunter.total(father, son), 1e-3);
    assertEquals(20.2445, FellegiSunter.total(FellegiSunter.Prepared.of(father),
        FellegiSunter.Prepared.of(son)), 1e-3);
    assertTrue(FellegiSunter.total(father, son) < FellegiSunter.PROPOSE_AT);
    // Soundex agreement: MARTIN / MARTAIN.
    assertEquals(LinkKeys.soundex("Martin"), LinkKeys.soundex("Martain"));
    assertEquals(Math.log(6) / Math.log(2), FellegiSunter.LAST_SIMILAR.weight(), 1e-9);
  }

  @Test
  void aProbableMatchIsProposedNeverApplied() {
    Traits t1 = new Traits("Jean", "Dupont", LocalDate.of(1980, 5, 17), null, "69003");
    Traits t2 = new Traits("Jean", "Dupond", LocalDate.of(1980, 5, 17), null, "69003");
    var r = new LinkGraph()
        .add(new PersonRecord(1, 10, T, List.of("EMAIL|a@example.org"), t1, false))
        .add(new PersonRecord(2, 11, T, List.of("EMAIL|b@example.org"), t2, false))
        .solve();
    assertEquals(2, r.clusters().size());
    Link p = r.links().get(0);
    assertEquals("PROPOSED", p.status());
    // 2.585 (soundex) + 6.459 + 13.244 + 9.731 = 32.02
    assertEquals(32.02, p.weight(), 0.01);
    var rejected = new LinkGraph.Verdict(1, T, p.from(), p.to(), false, p.weight(), "REPORT", 10,
        "alice");
    var after = new LinkGraph()
        .add(new PersonRecord(1, 10, T, List.of("EMAIL|a@example.org"), t1, false))
        .add(new PersonRecord(2, 11, T, List.of("EMAIL|b@example.org"), t2, false))
        .decisions(List.of(), List.of(), List.of(rejected)).solve();
    assertEquals(List.of("REJECTED"), after.links().stream().map(Link::status).toList());
    var confirmed = new LinkGraph.Verdict(1, T, p.from(), p.to(), true, p.weight(), "REPORT", 10,
        "alice");
    var joined = new LinkGraph()
        .add(new PersonRecord(1, 10, T, List.of("EMAIL|a@example.org"), t1, false))
        .add(new PersonRecord(2, 11, T, List.of("EMAIL|b@example.org"), t2, false))
        .decisions(List.of(), List.of(), List.of(confirmed)).solve();
    assertEquals(1, joined.clusters().size());
  }

  @Test
  void normalisationFoldsAccentsCaseAndPunctuation() {
    assertEquals("LEFEVRE JEAN PIERRE", LinkKeys.norm("  Lefèvre, Jean-Pierre "));
    assertEquals("3 RUE DES LILAS", LinkKeys.norm("3, rue des lilas"));
    assertEquals("", LinkKeys.norm(null));
  }

  @Test
  void departementsOfPostalCodes() {
    assertEquals("69", LinkKeys.departementOf("69003"));
    assertEquals("2A", LinkKeys.departementOf("20167"));
    assertEquals("2B", LinkKeys.departementOf("20200"));
    assertEquals("974", LinkKeys.departementOf("97411"));
    assertEquals(null, LinkKeys.departementOf("B-1000"));
  }
}
