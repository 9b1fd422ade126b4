package fr.vigie.app.cases.internal;

import java.util.List;

/**
 * One section of a case file export: a stable key (used in the manifest), its heading in the PDF,
 * and its lines, identical in the PDF and in the manifest.
 */
public record ExportSection(String key, String heading, List<String> lines) {

  public ExportSection {
    lines = List.copyOf(lines);
  }
}
