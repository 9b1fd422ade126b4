package fr.vigie.app.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The authorisation matrix in README.md says exactly what {@link AccessMatrix} does. */
class AccessMatrixDocumentedTest {

  @Test
  void readmeTableMatchesTheCode() throws IOException {
    Path readme = Path.of("..", "README.md");
    List<String> lines = Files.readAllLines(readme, StandardCharsets.UTF_8);
    int header = lines.indexOf("| permission | ADMIN | ANALYST | SUPERVISOR | INVESTIGATOR | AUDITOR | SENSOR |");
    if (header < 0) {
      throw new AssertionError("README.md has no authorisation matrix table");
    }
    Map<Role, Set<Permission>> documented = new LinkedHashMap<>();
    for (Role role : Role.values()) {
      documented.put(role, EnumSet.noneOf(Permission.class));
    }
    List<Role> columns = List.of(Role.ADMIN, Role.ANALYST, Role.SUPERVISOR, Role.INVESTIGATOR,
        Role.AUDITOR, Role.SENSOR);
    Set<Permission> rows = EnumSet.noneOf(Permission.class);
    for (String line : lines.subList(header + 2, lines.size())) {
      if (!line.startsWith("| `")) {
        break;
      }
      String[] cells = line.split("\\|", -1);
      Permission permission = Permission.valueOf(cells[1].trim().replace("`", ""));
      rows.add(permission);
      for (int c = 0; c < columns.size(); c++) {
        if (cells[c + 2].contains("✓")) {
          documented.get(columns.get(c)).add(permission);
        }
      }
    }
    assertEquals(EnumSet.allOf(Permission.class), rows, "one row per permission");
    for (Role role : Role.values()) {
      assertEquals(AccessMatrix.permissionsOf(role), documented.get(role), role.name());
    }
  }
}
