package fr.vigie.app.cases.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The canonical text of an export: every section's key, then its lines, one per line, with
 * line breaks inside values folded to spaces. UTF-8, "\n" line ends, nothing about the export
 * itself (no date of export, no exporter), so that it depends on the case alone.
 */
public final class CaseManifest {

  private CaseManifest() {}

  public static String text(List<ExportSection> sections) {
    StringBuilder out = new StringBuilder("vigie-case-manifest 2\n");
    for (ExportSection section : sections) {
      out.append("## ").append(section.key()).append('\n');
      for (String line : section.lines()) {
        out.append(fold(line)).append('\n');
      }
    }
    return out.toString();
  }

  public static String sha256(String manifest) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(manifest.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  static String fold(String line) {
    return line.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ');
  }
}
