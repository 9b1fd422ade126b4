package fr.vigie.app.triage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Scoring factor by factor with the shipped weights, and the weights file's checks. */
class RiskScorerTest {

  static Properties shipped() throws IOException {
    Properties p = new Properties();
    try (InputStream in = RiskScorerTest.class.getResourceAsStream(
        "/triage/weights-2026.1.properties")) {
      p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
    return p;
  }

  static Weights weights() throws IOException {
    return Weights.parse(shipped(), "shipped");
  }

  /** Evidence with one thing changed from nothing. */
  private static RiskEvidence with(List<String> access, List<String> contact, long unknown,
      int category, long media, long uploads, boolean prior, Integer age) {
    return new RiskEvidence(access, contact, unknown, unknown > 0 ? List.of("R-1 (1)") : List.of(),
        List.of(), category, category > 0 ? 1 : 0, media, null, null, uploads, List.of(), 0,
        prior, false, false, age, age == null ? null : "test");
  }

  @Test
  void nothingKnownIsP3WithEveryFactorListedAtZero() throws IOException {
    Scoring s = RiskScorer.score(RiskEvidence.none(), weights());
    assertEquals(Tier.P3, s.tier());
    assertEquals(0, s.score());
    assertEquals(Factor.values().length, s.contributions().size());
    assertTrue(s.contributions().stream().noneMatch(Contribution::present));
    assertEquals("2026.1", s.weightsVersion());
  }

  @Test
  void unknownMaterialWithAJobWithChildrenIsP1() throws IOException {
    Weights w = weights();
    Scoring unknownOnly = RiskScorer.score(with(List.of(), List.of(), 3, 0, 3, 0, false, null), w);
    assertEquals(Tier.P2, unknownOnly.tier(), "unknown material alone is not P1");
    Scoring planted = RiskScorer.score(with(List.of("profession au contact d'enfants"), List.of(),
        3, 0, 3, 0, false, null), w);
    assertEquals(Tier.P1, planted.tier());
    assertEquals(w.accessToChildren(), planted.of(Factor.ACCESS_TO_CHILDREN).points());
    assertEquals(w.unknownMaterial(), planted.of(Factor.UNKNOWN_MATERIAL).points());
    assertTrue(planted.of(Factor.ACCESS_TO_CHILDREN).evidence().contains("profession"));
  }

  @Test
  void contactWithAMinorAloneIsP1() throws IOException {
    Scoring s = RiskScorer.score(with(List.of(), List.of("R-9 : Online Enticement"), 0, 0, 0, 0,
        false, null), weights());
    assertEquals(Tier.P1, s.tier());
    assertTrue(s.of(Factor.CONTACT_WITH_MINORS).evidence().contains("R-9"));
  }

  @Test
  void eachFactorAddsItsWeight() throws IOException {
    Weights w = weights();
    assertEquals(w.severityByCategory()[3], RiskScorer.score(
        with(List.of(), List.of(), 0, 3, 1, 0, false, null), w).of(Factor.SEVERITY).points());
    assertEquals(w.severityByCategory()[1], RiskScorer.score(
        with(List.of(), List.of(), 0, 1, 1, 0, false, null), w).of(Factor.SEVERITY).points());
    assertEquals(w.distribution(), RiskScorer.score(
        with(List.of(), List.of(), 0, 0, 0, 2, false, null), w).of(Factor.DISTRIBUTION).points());
    assertEquals(0, RiskScorer.score(with(List.of(), List.of(), 0, 0, 0, 0, false, null), w)
        .of(Factor.DISTRIBUTION).points(), "possession only");
    assertEquals(w.priorSexual(), RiskScorer.score(
        with(List.of(), List.of(), 0, 0, 0, 0, true, null), w).of(Factor.PRIOR_RECORD).points());
    assertEquals(w.agePoints(), RiskScorer.score(
        with(List.of(), List.of(), 0, 0, 0, 0, false, 35), w).of(Factor.AGE).points());
    assertEquals(0, RiskScorer.score(
        with(List.of(), List.of(), 0, 0, 0, 0, false, 36), w).of(Factor.AGE).points());
    assertEquals(5, RiskScorer.score(with(List.of(), List.of(), 0, 0, 20, 0, false, null), w)
        .of(Factor.VOLUME).points());
    assertEquals(10, RiskScorer.score(with(List.of(), List.of(), 0, 0, 500, 0, false, null), w)
        .of(Factor.VOLUME).points());
    assertEquals(0, RiskScorer.score(with(List.of(), List.of(), 0, 0, 4, 0, false, null), w)
        .of(Factor.VOLUME).points());
  }

  @Test
  void twoYearsOfActivityCountAsDuration() throws IOException {
    RiskEvidence e = new RiskEvidence(List.of(), List.of(), 0, List.of(), List.of(), 0, 0, 2,
        Instant.parse("2023-01-01T00:00:00Z"), Instant.parse("2025-06-01T00:00:00Z"), 0,
        List.of(), 0, false, false, false, null, null);
    assertEquals(8, RiskScorer.score(e, weights()).of(Factor.DURATION).points());
  }

  @Test
  void aRegistryEntryAndAConvictionCountOnce() throws IOException {
    Weights w = weights();
    RiskEvidence e = new RiskEvidence(List.of(), List.of(), 0, List.of(), List.of(), 0, 0, 0,
        null, null, 0, List.of(), 0, true, true, true, null, null);
    assertEquals(Math.max(w.priorSexual(), w.priorRegistry()) + w.priorOther(),
        RiskScorer.score(e, w).of(Factor.PRIOR_RECORD).points());
  }

  @Test
  void theScoreIsTheSumOfTheContributions() throws IOException {
    Scoring s = RiskScorer.score(with(List.of("x"), List.of("y"), 2, 3, 120, 4, true, 30),
        weights());
    assertEquals(s.contributions().stream().mapToDouble(Contribution::points).sum(), s.score());
  }

  @Test
  void badWeightsAreRefusedWithEveryProblemNamed() throws IOException {
    Properties p = shipped();
    p.remove("unknown_material.points");
    p.setProperty("tier.p2.min-score", "-3");
    p.setProperty("tier.p1.deadline", "48 hours");
    p.setProperty("volume.steps", "5:2,lots");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Weights.parse(p, "bad.properties"));
    assertTrue(e.getMessage().contains("bad.properties"), e.getMessage());
    assertTrue(e.getMessage().contains("unknown_material.points is missing"), e.getMessage());
    assertTrue(e.getMessage().contains("tier.p2.min-score"), e.getMessage());
    assertTrue(e.getMessage().contains("tier.p1.deadline"), e.getMessage());
    assertTrue(e.getMessage().contains("'lots'"), e.getMessage());
  }

  @Test
  void thresholdsOutOfOrderAreRefused() throws IOException {
    Properties p = shipped();
    p.setProperty("tier.p2.min-score", "80");
    assertThrows(IllegalArgumentException.class, () -> Weights.parse(p, "x"));
  }

  @Test
  void theStoredJsonCarriesVersionAndEveryFactor() throws IOException {
    Scoring s = RiskScorer.score(with(List.of("a \"quoted\" job"), List.of(), 1, 0, 1, 0, false,
        null), weights());
    String json = FactorsJson.write(s);
    assertTrue(json.startsWith("{\"weightsVersion\":\"2026.1\""), json);
    assertTrue(json.contains("\\\"quoted\\\""), json);
    for (Factor f : Factor.values()) {
      assertTrue(json.contains("\"factor\":\"" + f.key() + "\""), f + " in " + json);
    }
  }
}
