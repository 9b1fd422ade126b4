package fr.vigie.app.suspects;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A drawing of a suspect: its identifiers on an inner circle, the reports that name them on an
 * outer one, and the links between them. Positions are computed here and the page draws them as
 * SVG with no script, so the graph is there even for a printed page.
 */
public record SuspectGraph(int width, int height, List<Node> nodes, List<Edge> edges,
    int omitted) {

  /** Identifiers drawn at most; the table lists them all. */
  static final int MAX_IDENTIFIERS = 40;

  public record Node(String id, String label, String type, double x, double y, String href) {}

  public record Edge(double x1, double y1, double x2, double y2, String type, String title) {}

  /** Lays out the graph of identifiers (node keys) and links of one suspect. */
  public static SuspectGraph of(List<SuspectIdentifier> identifiers, List<SuspectLink> links) {
    int width = 720;
    int height = 560;
    double cx = width / 2.0;
    double cy = height / 2.0;
    Map<String, Node> nodes = new LinkedHashMap<>();
    List<SuspectIdentifier> drawn = identifiers.subList(0,
        Math.min(identifiers.size(), MAX_IDENTIFIERS));
    for (int i = 0; i < drawn.size(); i++) {
      SuspectIdentifier s = drawn.get(i);
      double a = 2 * Math.PI * i / Math.max(1, drawn.size()) - Math.PI / 2;
      double r = drawn.size() == 1 ? 0 : 150;
      String key = s.kind() + "|" + s.canonicalKey();
      nodes.put(key, new Node(key, short_(s.canonicalKey()), "identifier " + s.kind()
          .toLowerCase(Locale.ROOT), round(cx + r * Math.cos(a)), round(cy + r * Math.sin(a)),
          null));
    }
    List<Long> reports = new ArrayList<>();
    for (SuspectLink l : links) {
      if (l.evidenceReportId() != null && !reports.contains(l.evidenceReportId())
          && reports.size() < MAX_IDENTIFIERS) {
        reports.add(l.evidenceReportId());
      }
    }
    for (int i = 0; i < reports.size(); i++) {
      double a = 2 * Math.PI * (i + 0.5) / reports.size() - Math.PI / 2;
      long id = reports.get(i);
      nodes.put("R" + id, new Node("R" + id, "#" + id, "report",
          round(cx + 250 * Math.cos(a)), round(cy + 250 * Math.sin(a)), "/signalements/" + id));
    }
    List<Edge> edges = new ArrayList<>();
    for (SuspectLink l : links) {
      Node from = nodes.get(l.fromKey());
      Node to = nodes.get(l.toKey());
      if (l.evidenceReportId() != null) {
        Node report = nodes.get("R" + l.evidenceReportId());
        for (Node end : new Node[] {from, to}) {
          if (report != null && end != null) {
            edges.add(new Edge(report.x(), report.y(), end.x(), end.y(), "evidence",
                "#" + l.evidenceReportId() + " → " + end.label()));
          }
        }
      }
      if (from != null && to != null) {
        edges.add(new Edge(from.x(), from.y(), to.x(), to.y(),
            "link " + l.status().toLowerCase(Locale.ROOT),
            l.rule() + " (" + l.weight() + ")"));
      }
    }
    return new SuspectGraph(width, height, List.copyOf(nodes.values()), List.copyOf(edges),
        identifiers.size() - drawn.size());
  }

  private static String short_(String s) {
    return s.length() <= 28 ? s : s.substring(0, 27) + "…";
  }

  private static double round(double v) {
    return Math.round(v * 10) / 10.0;
  }
}
