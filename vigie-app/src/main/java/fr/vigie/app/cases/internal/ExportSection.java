package fr.vigie.app.cases.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * One section of a case file export: a stable key (used in the manifest), its heading in the
 * PDF, and its content — lines of text and tables — identical in the PDF and in the manifest.
 */
public record ExportSection(String key, String heading, List<Block> blocks) {

  public ExportSection {
    blocks = List.copyOf(blocks);
  }

  /** A section made of lines only. */
  public static ExportSection ofLines(String key, String heading, List<String> lines) {
    return new ExportSection(key, heading, lines.stream().<Block>map(Line::new).toList());
  }

  /** What a section holds, in order. */
  public sealed interface Block permits Line, Table {}

  /** A line of text. */
  public record Line(String text) implements Block {}

  /** A table: its column headings and its rows, each with one cell per column. */
  public record Table(List<String> columns, List<List<String>> rows) implements Block {
    public Table {
      columns = List.copyOf(columns);
      rows = rows.stream().map(List::copyOf).toList();
      for (List<String> row : rows) {
        if (row.size() != columns.size()) {
          throw new IllegalArgumentException("a row of " + row.size() + " cells in a table of "
              + columns.size() + " columns");
        }
      }
    }
  }

  /** Whether the section has nothing to show (the PDF then says « Néant. »). */
  public boolean isEmpty() {
    return blocks.isEmpty();
  }

  /**
   * The section's content as the manifest lists it: each line as it is, each table as its
   * heading row then its rows, cells joined with " | ".
   */
  public List<String> lines() {
    List<String> lines = new ArrayList<>();
    for (Block block : blocks) {
      switch (block) {
        case Line line -> lines.add(line.text());
        case Table table -> {
          lines.add(String.join(" | ", table.columns()));
          table.rows().forEach(row -> lines.add(String.join(" | ", row)));
        }
      }
    }
    return lines;
  }
}
