package fr.vigie.app.cases;

/**
 * A case file export: the PDF, the canonical manifest of what it contains, and the manifest's
 * SHA-256 (printed on the PDF's last page). The PDF's bytes differ between exports (PDF creation
 * dates); the manifest does not, as long as the case does not change.
 */
public record ExportedCase(String reference, byte[] pdf, String manifest, String manifestSha256) {

  public ExportedCase {
    pdf = pdf.clone();
  }

  @Override
  public byte[] pdf() {
    return pdf.clone();
  }

  public String fileName() {
    return "dossier-" + reference + ".pdf";
  }
}
