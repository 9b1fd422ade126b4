package fr.vigie.app.triage;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Properties;
import java.util.TreeMap;

/**
 * One version of the triage weights, read from a properties file and checked whole: a missing or
 * negative value, thresholds out of order or an unparsable deadline stops the start with every
 * problem listed at once.
 *
 * @param steps for VOLUME (items) and DURATION (days): at-least threshold to points
 */
public record Weights(String version, double p1MinScore, double p2MinScore, Duration p1Deadline,
    Duration p2Deadline, Duration p3Deadline, double accessToChildren, double contactWithMinors,
    double unknownMaterial, double selfProduced, double[] severityByCategory,
    NavigableMap<Long, Double> volumeSteps, NavigableMap<Long, Double> durationSteps,
    double distribution, double videos, double priorSexual, double priorRegistry,
    double priorOther, int ageMax, double agePoints) {

  /** Returns the deadline of a tier. */
  public Duration deadline(Tier tier) {
    return switch (tier) {
      case P1 -> p1Deadline;
      case P2 -> p2Deadline;
      case P3 -> p3Deadline;
    };
  }

  /** Returns the tier a score falls in. */
  public Tier tierFor(double score) {
    return score >= p1MinScore ? Tier.P1 : score >= p2MinScore ? Tier.P2 : Tier.P3;
  }

  /**
   * Reads and checks the weights.
   *
   * @param where the file's name, for the error message
   * @throws IllegalArgumentException naming the file and every bad or missing key
   */
  public static Weights parse(Properties p, String where) {
    Reader r = new Reader(p);
    Weights w = new Weights(r.text("version"), r.number("tier.p1.min-score"),
        r.number("tier.p2.min-score"), r.duration("tier.p1.deadline"),
        r.duration("tier.p2.deadline"), r.duration("tier.p3.deadline"),
        r.number("access_to_children.points"), r.number("contact_with_minors.points"),
        r.number("unknown_material.points"), r.number("self_produced.points"),
        new double[] {0, r.number("severity.category1"), r.number("severity.category2"),
            r.number("severity.category3")},
        r.steps("volume.steps"), r.steps("duration.steps"), r.number("distribution.points"),
        r.number("videos.points"), r.number("prior_record.sexual"),
        r.number("prior_record.registry"), r.number("prior_record.other"),
        (int) r.number("age.max-age"), r.number("age.points"));
    if (r.problems.isEmpty() && w.p1MinScore <= w.p2MinScore) {
      r.problems.add("tier.p1.min-score must be above tier.p2.min-score");
    }
    if (r.problems.isEmpty() && (w.p1Deadline.compareTo(w.p2Deadline) > 0
        || w.p2Deadline.compareTo(w.p3Deadline) > 0)) {
      r.problems.add("deadlines must not shrink from P1 to P3");
    }
    if (!r.problems.isEmpty()) {
      throw new IllegalArgumentException("triage weights " + where + ": "
          + String.join("; ", r.problems));
    }
    return w;
  }

  /** Collects every problem instead of stopping at the first. */
  private static final class Reader {
    private final Properties p;
    private final List<String> problems = new ArrayList<>();

    Reader(Properties p) {
      this.p = p;
    }

    String text(String key) {
      String v = p.getProperty(key);
      if (v == null || v.isBlank()) {
        problems.add(key + " is missing");
        return "?";
      }
      if (v.strip().length() > 32) {
        problems.add(key + " is longer than 32 characters");
      }
      return v.strip();
    }

    double number(String key) {
      String v = p.getProperty(key);
      if (v == null || v.isBlank()) {
        problems.add(key + " is missing");
        return 0;
      }
      try {
        double d = Double.parseDouble(v.strip());
        if (d < 0 || Double.isNaN(d) || Double.isInfinite(d)) {
          problems.add(key + " must be a number >= 0, not " + v.strip());
        }
        return d;
      } catch (NumberFormatException e) {
        problems.add(key + " is not a number: " + v.strip());
        return 0;
      }
    }

    Duration duration(String key) {
      String v = p.getProperty(key);
      if (v == null || v.isBlank()) {
        problems.add(key + " is missing");
        return Duration.ZERO;
      }
      try {
        Duration d = Duration.parse(v.strip());
        if (d.isNegative() || d.isZero()) {
          problems.add(key + " must be positive");
        }
        return d;
      } catch (RuntimeException e) {
        problems.add(key + " is not an ISO-8601 duration (e.g. PT48H, P30D): " + v.strip());
        return Duration.ZERO;
      }
    }

    NavigableMap<Long, Double> steps(String key) {
      NavigableMap<Long, Double> steps = new TreeMap<>();
      String v = p.getProperty(key);
      if (v == null || v.isBlank()) {
        problems.add(key + " is missing");
        return steps;
      }
      for (String step : v.split(",")) {
        String[] parts = step.strip().split(":");
        try {
          long at = Long.parseLong(parts[0].strip());
          double points = Double.parseDouble(parts[1].strip());
          if (at < 1 || points < 0 || parts.length != 2) {
            throw new NumberFormatException();
          }
          steps.put(at, points);
        } catch (RuntimeException e) {
          problems.add(key + ": '" + step.strip() + "' is not at-least:points (e.g. 20:5)");
        }
      }
      return steps;
    }
  }

  /** Returns the points of the highest step reached by {@code value}, 0 below the first. */
  public static double stepPoints(NavigableMap<Long, Double> steps, long value) {
    Map.Entry<Long, Double> e = steps.floorEntry(value);
    return e == null ? 0 : e.getValue();
  }
}
