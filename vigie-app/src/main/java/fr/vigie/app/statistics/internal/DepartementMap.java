package fr.vigie.app.statistics.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The map of France by département, drawn on the server as SVG from the départements' GeoJSON
 * (reference data, not in the repository: {@code vigie.map.departements}, else
 * {@value #BESIDE_CHECKOUT} from the working directory when it is there). Longitude and latitude
 * are projected simply (equirectangular, longitudes scaled by cos 46.5°); metropolitan France
 * fills the left, each overseas département an inset of its own on the right. The paths are
 * computed once, rounded to a tenth of a unit with repeated points dropped, and kept.
 */
@Component
public class DepartementMap {

  static final String BESIDE_CHECKOUT =
      "../shared/data/france/departements-simplifie-avec-outre-mer.geojson";
  static final Set<String> OVERSEAS = Set.of("971", "972", "973", "974", "976");

  static final double WIDTH = 1000;
  static final double HEIGHT = 800;
  private static final double MAIN_WIDTH = 760;
  private static final double INSET_X = 790;
  private static final double INSET_SIZE = 150;
  private static final double INSET_GAP = 10;
  private static final double COS_LAT = Math.cos(Math.toRadians(46.5));

  private static final Logger log = LoggerFactory.getLogger(DepartementMap.class);

  /** One département's outline in the map's coordinates and where to write its figure. */
  public record Shape(String code, String name, String path, double labelX, double labelY) {}

  private final String configured;
  private volatile Optional<Map<String, Shape>> shapes;

  public DepartementMap(@Value("${vigie.map.departements:}") String configured) {
    this.configured = configured;
  }

  /** The GeoJSON file the map is read from, when there is one. */
  public Optional<Path> file() {
    if (configured != null && !configured.isBlank()) {
      Path path = Path.of(configured.strip());
      return Files.isRegularFile(path) ? Optional.of(path) : Optional.empty();
    }
    Path beside = Path.of(BESIDE_CHECKOUT);
    return Files.isRegularFile(beside) ? Optional.of(beside) : Optional.empty();
  }

  /** The shapes by département code, or empty without a readable file. */
  public Optional<Map<String, Shape>> shapes() {
    Optional<Map<String, Shape>> known = shapes;
    if (known == null) {
      synchronized (this) {
        known = shapes;
        if (known == null) {
          known = file().flatMap(DepartementMap::read);
          shapes = known;
        }
      }
    }
    return known;
  }

  private static Optional<Map<String, Shape>> read(Path file) {
    try {
      JsonNode root = JsonMapper.builder().build().readTree(Files.readString(file));
      return Optional.of(project(root));
    } catch (IOException | RuntimeException e) {
      log.warn("the départements' map {} could not be read: {}", file, e.toString());
      return Optional.empty();
    }
  }

  /** Rings of one feature as lon/lat pairs. */
  private record Feature(String code, String name, List<List<double[]>> rings) {}

  static Map<String, Shape> project(JsonNode root) {
    List<Feature> features = new ArrayList<>();
    for (JsonNode f : root.get("features")) {
      JsonNode props = f.get("properties");
      JsonNode geometry = f.get("geometry");
      List<List<double[]>> rings = new ArrayList<>();
      if ("Polygon".equals(geometry.get("type").asString())) {
        addPolygon(geometry.get("coordinates"), rings);
      } else {
        for (JsonNode polygon : geometry.get("coordinates")) {
          addPolygon(polygon, rings);
        }
      }
      features.add(new Feature(props.get("code").asString(), props.get("nom").asString(),
          rings));
    }
    Map<String, Shape> shapes = new LinkedHashMap<>();
    List<Feature> metropolitan = features.stream()
        .filter(f -> !OVERSEAS.contains(f.code())).toList();
    Frame main = Frame.fit(metropolitan, 0, 0, MAIN_WIDTH, HEIGHT);
    for (Feature f : metropolitan) {
      shapes.put(f.code(), main.shape(f));
    }
    List<Feature> overseas = features.stream().filter(f -> OVERSEAS.contains(f.code()))
        .sorted(java.util.Comparator.comparing(Feature::code)).toList();
    double y = 0;
    for (Feature f : overseas) {
      Frame inset = Frame.fit(List.of(f), INSET_X, y, INSET_SIZE, INSET_SIZE);
      shapes.put(f.code(), inset.shape(f));
      y += INSET_SIZE + INSET_GAP;
    }
    return shapes;
  }

  private static void addPolygon(JsonNode polygon, List<List<double[]>> rings) {
    for (JsonNode ring : polygon) {
      List<double[]> points = new ArrayList<>(ring.size());
      for (JsonNode p : ring) {
        points.add(new double[] {p.get(0).asDouble(), p.get(1).asDouble()});
      }
      rings.add(points);
    }
  }

  /** A projection of lon/lat into a box, keeping proportions. */
  private record Frame(double minX, double maxY, double scale, double offsetX, double offsetY) {

    static Frame fit(List<Feature> features, double x, double y, double width, double height) {
      double minX = Double.MAX_VALUE, maxX = -Double.MAX_VALUE;
      double minY = Double.MAX_VALUE, maxY = -Double.MAX_VALUE;
      for (Feature f : features) {
        for (List<double[]> ring : f.rings()) {
          for (double[] p : ring) {
            double px = p[0] * COS_LAT;
            minX = Math.min(minX, px);
            maxX = Math.max(maxX, px);
            minY = Math.min(minY, p[1]);
            maxY = Math.max(maxY, p[1]);
          }
        }
      }
      double scale = Math.min(width / (maxX - minX), height / (maxY - minY));
      double offsetX = x + (width - (maxX - minX) * scale) / 2;
      double offsetY = y + (height - (maxY - minY) * scale) / 2;
      return new Frame(minX, maxY, scale, offsetX, offsetY);
    }

    double x(double[] p) {
      return offsetX + (p[0] * COS_LAT - minX) * scale;
    }

    double y(double[] p) {
      return offsetY + (maxY - p[1]) * scale;
    }

    Shape shape(Feature f) {
      StringBuilder d = new StringBuilder();
      double[] largest = {0};
      double[] label = {0, 0};
      for (List<double[]> ring : f.rings()) {
        String last = null;
        int written = 0;
        double area = 0;
        double cx = 0;
        double cy = 0;
        double[] previous = null;
        for (double[] p : ring) {
          String point = round(x(p)) + " " + round(y(p));
          if (point.equals(last)) {
            continue;
          }
          d.append(written == 0 ? "M" : "L").append(point);
          last = point;
          written++;
          if (previous != null) {
            double cross = x(previous) * y(p) - x(p) * y(previous);
            area += cross;
            cx += (x(previous) + x(p)) * cross;
            cy += (y(previous) + y(p)) * cross;
          }
          previous = p;
        }
        d.append("Z");
        if (Math.abs(area) > largest[0]) {
          largest[0] = Math.abs(area);
          label[0] = cx / (3 * area);
          label[1] = cy / (3 * area);
        }
      }
      return new Shape(f.code(), f.name(), d.toString(), label[0], label[1]);
    }
  }

  /** Greys from white to near black: readable printed in black and white. */
  static final String[] SHADES = {"#ffffff", "#e0e0e0", "#bdbdbd", "#969696", "#636363",
      "#252525"};

  /**
   * The map as SVG: each département shaded by its count (six steps up to the largest) with the
   * count written on it when not zero, its name and count as its title, and the steps' legend;
   * empty without the shapes.
   */
  public Optional<String> svg(Map<String, Long> counts, String title) {
    return shapes().map(all -> {
      long max = counts.values().stream().mapToLong(Long::longValue).max().orElse(0);
      StringBuilder svg = new StringBuilder(200_000);
      svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"departement-map\" ")
          .append("viewBox=\"0 0 ").append((int) WIDTH).append(' ')
          .append((int) (HEIGHT + 60)).append("\" role=\"img\" aria-labelledby=\"map-title\">")
          .append("<title id=\"map-title\">").append(xml(title)).append("</title>");
      StringBuilder labels = new StringBuilder();
      for (Shape shape : all.values()) {
        long n = counts.getOrDefault(shape.code(), 0L);
        int level = level(n, max);
        svg.append("<path id=\"dep-").append(xml(shape.code())).append("\" data-code=\"")
            .append(xml(shape.code())).append("\" data-count=\"").append(n)
            .append("\" fill=\"").append(SHADES[level])
            .append("\" stroke=\"#000\" stroke-width=\"0.5\" fill-rule=\"evenodd\" d=\"")
            .append(shape.path()).append("\"><title>").append(xml(shape.code())).append(' ')
            .append(xml(shape.name())).append(" : ").append(n).append("</title></path>");
        if (n > 0) {
          labels.append("<text x=\"").append(round(shape.labelX())).append("\" y=\"")
              .append(round(shape.labelY())).append("\" fill=\"")
              .append(level >= 4 ? "#fff" : "#000").append("\">").append(n).append("</text>");
        }
      }
      svg.append("<g class=\"counts\" font-size=\"11\" text-anchor=\"middle\" ")
          .append("dominant-baseline=\"middle\" aria-hidden=\"true\">").append(labels)
          .append("</g>");
      svg.append("<g class=\"legend\" font-size=\"13\" aria-hidden=\"true\">");
      for (int level = 0; level < SHADES.length; level++) {
        double x = 10 + level * 120;
        svg.append("<rect x=\"").append(round(x)).append("\" y=\"").append((int) HEIGHT + 20)
            .append("\" width=\"24\" height=\"16\" stroke=\"#000\" fill=\"")
            .append(SHADES[level]).append("\"/><text x=\"").append(round(x + 30))
            .append("\" y=\"").append((int) HEIGHT + 33).append("\">").append(range(level, max))
            .append("</text>");
      }
      return svg.append("</g></svg>").toString();
    });
  }

  /** 0 for none, else 1 to 5 by fifths of the largest count. */
  static int level(long n, long max) {
    if (n <= 0 || max <= 0) {
      return 0;
    }
    return (int) Math.max(1, Math.min(5, Math.ceil(5.0 * n / max)));
  }

  /** The counts a step stands for, e.g. "13–24". */
  static String range(int level, long max) {
    if (level == 0) {
      return "0";
    }
    long low = (long) Math.floor(max * (level - 1) / 5.0) + 1;
    long high = (long) Math.floor(max * level / 5.0);
    if (max <= 0 || high < low) {
      return "–";
    }
    return low == high ? Long.toString(low) : low + "–" + high;
  }

  static String xml(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        .replace("\"", "&quot;").replace("'", "&apos;");
  }

  static String round(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }
}
