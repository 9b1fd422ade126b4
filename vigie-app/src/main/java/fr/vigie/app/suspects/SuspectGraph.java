package fr.vigie.app.suspects;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A drawing of a suspect: its identifiers on an inner circle, labelled by their value, the
 * reports that name them on an outer one, labelled by their reference, and the lines between
 * them. Positions are computed here and the page draws them as SVG with no script, so the graph
 * is there even for a printed page.
 *
 * <p>Line kinds (each in the page's legend): {@code evidence} (a report names the identifier —
 * the link's evidence, or simply the report naming it for a suspect no linking run explained)
 * and {@code link confirmed | proposed | rejected} (a link between two identifiers, with its
 * rule).
 */
public record SuspectGraph(int width, int height, List<Node> nodes, List<Edge> edges,
    int omitted) {

  /** Identifiers (and reports) drawn at most; the tables list them all. */
  static final int MAX_IDENTIFIERS = 40;

  /** A kind of line: its code (the SVG class), colour and dash pattern (null: solid). */
  public record LineKind(String code, String stroke, String dash) {

    /** The message key suffix naming it in the legend ({@code links.graph.legend.*}). */
    public String key() {
      return code.replace(' ', '.');
    }
  }

  /** Every line kind the graph draws, in the legend's order. */
  public static final List<LineKind> LINE_KINDS = List.of(
      new LineKind("evidence", "#9aa5b1", null),
      new LineKind("link confirmed", "#1f5f8b", null),
      new LineKind("link proposed", "#b26b00", "6 4"),
      new LineKind("link rejected", "#b00020", "2 3"));

  private static LineKind line(String code) {
    return LINE_KINDS.stream().filter(k -> k.code().equals(code)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("line kind " + code));
  }

  /**
   * A node: an identifier ({@code kind} its kind, {@code href} null) or a report ({@code kind}
   * null, {@code href} its page).
   *
   * @param label what is written: the identifier's value or the report's reference, shortened
   * @param title the whole value, for the tooltip
   * @param width the width of a report's box, fitted to its label
   */
  public record Node(String id, String label, String title, String type, String kind, double x,
      double y, String href, int width) {}

  /**
   * A line of one of {@link #LINE_KINDS}: {@code rule} and {@code weight} for a link (null for
   * evidence), {@code from} and {@code to} the labels of its ends.
   */
  public record Edge(double x1, double y1, double x2, double y2, LineKind line, String rule,
      Double weight, String status, String from, String to) {

    /** The SVG class of the line. */
    public String type() {
      return line.code();
    }
  }

  /**
   * Lays out the graph of a suspect's identifiers (node keys), its links and the reports naming
   * them: a report is drawn if a link cites it or it names a drawn identifier, labelled by its
   * reference ({@code references}, by report id).
   */
  public static SuspectGraph of(List<SuspectIdentifier> identifiers, List<SuspectLink> links,
      List<SuspectHub.Report> reports, Map<Long, String> references) {
    int width = 760;
    int height = 600;
    double cx = width / 2.0;
    double cy = height / 2.0;
    Map<String, Node> nodes = new LinkedHashMap<>();
    List<SuspectIdentifier> drawn = identifiers.subList(0,
        Math.min(identifiers.size(), MAX_IDENTIFIERS));
    for (int i = 0; i < drawn.size(); i++) {
      SuspectIdentifier s = drawn.get(i);
      double a = 2 * Math.PI * i / Math.max(1, drawn.size()) - Math.PI / 2;
      double r = drawn.size() == 1 ? 0 : 160;
      String key = s.kind() + "|" + s.canonicalKey();
      String value = display(s.kind(), s.canonicalKey());
      nodes.put(key, new Node(key, short_(value), value, "identifier " + s.kind()
          .toLowerCase(Locale.ROOT), s.kind(), round(cx + r * Math.cos(a)),
          round(cy + r * Math.sin(a)), null, 0));
    }
    List<Long> drawnReports = new ArrayList<>();
    for (SuspectLink l : links) {
      if (l.evidenceReportId() != null && !drawnReports.contains(l.evidenceReportId())
          && drawnReports.size() < MAX_IDENTIFIERS) {
        drawnReports.add(l.evidenceReportId());
      }
    }
    for (SuspectHub.Report r : reports) {
      if (!drawnReports.contains(r.id()) && drawnReports.size() < MAX_IDENTIFIERS
          && r.nodes().stream().anyMatch(nodes::containsKey)) {
        drawnReports.add(r.id());
      }
    }
    for (int i = 0; i < drawnReports.size(); i++) {
      double a = 2 * Math.PI * (i + 0.5) / drawnReports.size() - Math.PI / 2;
      long id = drawnReports.get(i);
      String reference = references.getOrDefault(id, "#" + id);
      String label = short_(reference);
      nodes.put("R" + id, new Node("R" + id, label, reference, "report", null,
          round(cx + 260 * Math.cos(a)), round(cy + 260 * Math.sin(a)), "/signalements/" + id,
          Math.max(44, 12 + 6 * label.length())));
    }
    List<Edge> edges = new ArrayList<>();
    Set<String> evidence = new HashSet<>();
    for (SuspectLink l : links) {
      Node from = nodes.get(l.fromKey());
      Node to = nodes.get(l.toKey());
      if (l.evidenceReportId() != null) {
        Node report = nodes.get("R" + l.evidenceReportId());
        for (Node end : new Node[] {from, to}) {
          if (report != null && end != null && evidence.add(report.id() + ">" + end.id())) {
            edges.add(new Edge(report.x(), report.y(), end.x(), end.y(), line("evidence"), null,
                null, null, report.title(), end.title()));
          }
        }
      }
      if (from != null && to != null) {
        edges.add(new Edge(from.x(), from.y(), to.x(), to.y(),
            line("link " + l.status().toLowerCase(Locale.ROOT)), l.rule(), l.weight(),
            l.status(), from.title(), to.title()));
      }
    }
    for (SuspectHub.Report r : reports) {
      Node report = nodes.get("R" + r.id());
      for (String key : r.nodes()) {
        Node end = nodes.get(key);
        if (report != null && end != null && evidence.add(report.id() + ">" + end.id())) {
          edges.add(new Edge(report.x(), report.y(), end.x(), end.y(), line("evidence"), null,
              null, null, report.title(), end.title()));
        }
      }
    }
    return new SuspectGraph(width, height, List.copyOf(nodes.values()), List.copyOf(edges),
        identifiers.size() - drawn.size());
  }

  /**
   * The value a person reads for an identifier: its canonical key; for a subscriber, the name,
   * date of birth and address without the key's separators.
   */
  static String display(String kind, String canonicalKey) {
    if ("SUBSCRIBER".equals(kind)) {
      return canonicalKey.replace('/', ' ').replaceAll(" +", " ").strip();
    }
    return canonicalKey;
  }

  private static String short_(String s) {
    return s.length() <= 28 ? s : s.substring(0, 27) + "…";
  }

  private static double round(double v) {
    return Math.round(v * 10) / 10.0;
  }
}
