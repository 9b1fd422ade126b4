package fr.vigie.app.cli;

import fr.vigie.app.intake.ImportSummary;
import java.util.List;
import java.util.Locale;
import java.util.function.ToLongFunction;

/** The summary of {@code vigie import reports}: as text for people, as JSON for scripts. */
record ImportReport(List<ImportSummary> files, List<String> failures, boolean dryRun) {

  ImportReport {
    files = List.copyOf(files);
    failures = List.copyOf(failures);
  }

  long rejected() {
    return sum(ImportSummary::rejected);
  }

  private long sum(ToLongFunction<ImportSummary> f) {
    return files.stream().mapToLong(f).sum();
  }

  String toText(int rejectsShown, double seconds) {
    String nl = System.lineSeparator();
    StringBuilder b = new StringBuilder();
    if (dryRun) {
      b.append("Dry run: nothing was written.").append(nl);
    }
    b.append(String.format(Locale.ROOT, "Files: %d%s%n", files.size(),
        failures.isEmpty() ? "" : ", " + failures.size() + " unreadable"));
    b.append(String.format(Locale.ROOT,
        "Reports: %d new, %d new versions, %d unchanged, %d rejected%n",
        sum(ImportSummary::created), sum(ImportSummary::newVersions),
        sum(ImportSummary::unchanged), rejected()));
    b.append(String.format(Locale.ROOT,
        "Stored: %d persons, %d identifiers, %d IP events, %d media, %d victim hints%n",
        sum(ImportSummary::persons), sum(ImportSummary::identifiers),
        sum(ImportSummary::ipEvents), sum(ImportSummary::media),
        sum(ImportSummary::victimHints)));
    List<ImportSummary.Rejection> all = files.stream()
        .flatMap(f -> f.rejections().stream()).toList();
    all.stream().limit(rejectsShown).forEach(r -> b.append("rejected ").append(r.file())
        .append(':').append(r.line()).append(':').append(r.column()).append(' ')
        .append(r.field()).append(" — ").append(r.reason()).append(nl));
    if (all.size() > rejectsShown) {
      b.append("… and ").append(all.size() - rejectsShown).append(" more rejected (--json lists "
          + "them all)").append(nl);
    }
    failures.forEach(f -> b.append("unreadable ").append(f).append(nl));
    b.append(String.format(Locale.ROOT, "%.1f s%n", seconds));
    return b.toString();
  }

  String toJson() {
    StringBuilder b = new StringBuilder("{");
    b.append("\"dryRun\":").append(dryRun);
    b.append(",\"files\":").append(files.size());
    field(b, "reportsNew", sum(ImportSummary::created));
    field(b, "reportsNewVersion", sum(ImportSummary::newVersions));
    field(b, "reportsUnchanged", sum(ImportSummary::unchanged));
    field(b, "reportsRejected", rejected());
    field(b, "persons", sum(ImportSummary::persons));
    field(b, "identifiers", sum(ImportSummary::identifiers));
    field(b, "ipEvents", sum(ImportSummary::ipEvents));
    field(b, "media", sum(ImportSummary::media));
    field(b, "victimHints", sum(ImportSummary::victimHints));
    b.append(",\"jobs\":[");
    for (int i = 0; i < files.size(); i++) {
      ImportSummary s = files.get(i);
      b.append(i == 0 ? "" : ",").append("{\"input\":").append(string(s.input()))
          .append(",\"jobId\":").append(s.jobId());
      field(b, "read", s.read());
      field(b, "new", s.created());
      field(b, "newVersion", s.newVersions());
      field(b, "unchanged", s.unchanged());
      field(b, "rejected", s.rejected());
      b.append('}');
    }
    b.append("],\"rejections\":[");
    boolean first = true;
    for (ImportSummary s : files) {
      for (ImportSummary.Rejection r : s.rejections()) {
        b.append(first ? "" : ",").append("{\"file\":").append(string(r.file()))
            .append(",\"line\":").append(r.line()).append(",\"column\":").append(r.column())
            .append(",\"field\":").append(string(r.field())).append(",\"reason\":")
            .append(string(r.reason())).append('}');
        first = false;
      }
    }
    b.append("],\"failures\":[");
    for (int i = 0; i < failures.size(); i++) {
      b.append(i == 0 ? "" : ",").append(string(failures.get(i)));
    }
    return b.append("]}").append(System.lineSeparator()).toString();
  }

  private static void field(StringBuilder b, String name, long value) {
    b.append(",\"").append(name).append("\":").append(value);
  }

  /** A JSON string literal, or null. */
  static String string(String s) {
    if (s == null) {
      return "null";
    }
    StringBuilder b = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x2028 || c == 0x2029) {
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
