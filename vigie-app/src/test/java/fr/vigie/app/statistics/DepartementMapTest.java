package fr.vigie.app.statistics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.vigie.app.statistics.internal.DepartementMap;
import fr.vigie.testing.SharedData;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The map without its file (nothing drawn) and with it (every département, overseas inset). */
class DepartementMapTest {

  @Test
  void withoutTheFileThereIsNoMap() {
    DepartementMap map = new DepartementMap("/nonexistent/departements.geojson");
    assertTrue(map.file().isEmpty());
    assertTrue(map.svg(Map.of("75", 3L), "Carte").isEmpty());
  }

  @Test
  void everyDepartementIsDrawnInsideTheMap() {
    DepartementMap map = new DepartementMap(
        SharedData.path("france/departements-simplifie-avec-outre-mer.geojson").toString());
    Map<String, DepartementMap.Shape> shapes = map.shapes().orElseThrow();
    assertEquals(101, shapes.size());
    for (DepartementMap.Shape s : shapes.values()) {
      assertTrue(s.labelX() >= 0 && s.labelX() <= 1000 && s.labelY() >= 0 && s.labelY() <= 800,
          s.code() + " at " + s.labelX() + "," + s.labelY());
    }
    // Overseas départements are insets on the right; Brittany is west of Alsace.
    assertTrue(shapes.get("974").labelX() > 780);
    assertTrue(shapes.get("29").labelX() < shapes.get("67").labelX());
    assertTrue(shapes.get("59").labelY() < shapes.get("13").labelY(), "north is up");
    assertTrue(map.shapes().orElseThrow() == shapes, "computed once");
  }
}
