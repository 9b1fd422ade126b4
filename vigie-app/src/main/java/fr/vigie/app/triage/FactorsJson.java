package fr.vigie.app.triage;

import java.util.Locale;

/**
 * The assessment as one self-contained JSON text ({@code risk_assessments.factors}): version,
 * score, tier and every factor with its points and evidence, so that the record stands alone
 * even if the weights file is gone. Written by hand: a handful of fields, no parser needed.
 */
final class FactorsJson {

  private FactorsJson() {}

  static String write(Scoring s) {
    StringBuilder b = new StringBuilder(512);
    b.append("{\"weightsVersion\":").append(quote(s.weightsVersion()))
        .append(",\"score\":").append(number(s.score()))
        .append(",\"tier\":").append(quote(s.tier().name()))
        .append(",\"factors\":[");
    for (int i = 0; i < s.contributions().size(); i++) {
      Contribution c = s.contributions().get(i);
      b.append(i == 0 ? "" : ",").append("{\"factor\":").append(quote(c.factor().key()))
          .append(",\"points\":").append(number(c.points()))
          .append(",\"evidence\":").append(quote(c.evidence())).append('}');
    }
    return b.append("]}").toString();
  }

  private static String number(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : String.format(Locale.ROOT, "%s", d);
  }

  static String quote(String s) {
    StringBuilder b = new StringBuilder(s.length() + 2).append('"');
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20) {
            b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }
}
