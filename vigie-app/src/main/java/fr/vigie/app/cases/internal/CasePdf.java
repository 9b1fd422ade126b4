package fr.vigie.app.cases.internal;

import fr.vigie.app.web.VisibleText;
import java.io.ByteArrayOutputStream;
import java.util.List;
import org.openpdf.text.Chunk;
import org.openpdf.text.Document;
import org.openpdf.text.Element;
import org.openpdf.text.Font;
import org.openpdf.text.PageSize;
import org.openpdf.text.Paragraph;
import org.openpdf.text.Phrase;
import org.openpdf.text.pdf.PdfPCell;
import org.openpdf.text.pdf.PdfPTable;
import org.openpdf.text.pdf.PdfWriter;

/**
 * Lays a case file export out as a PDF: a title, the sections one after the other (an empty one
 * says « Néant. »), tables drawn as tables, and a last page of its own with the manifest's
 * SHA-256. Text only: no image is ever drawn.
 *
 * <p>Outside text (a file name, an identifier, a pasted note) is shown with its hidden
 * characters as {@code <U+202E>} markers ({@link VisibleText#forPdf}): the standard fonts would
 * drop them silently, hiding that a right-to-left override was there. The manifest, and so its
 * hash, stays the text as it is.
 */
public final class CasePdf {

  private static final Font TITLE = new Font(Font.HELVETICA, 16, Font.BOLD);
  private static final Font HEADING = new Font(Font.HELVETICA, 13, Font.BOLD);
  private static final Font BODY = new Font(Font.HELVETICA, 9);
  private static final Font BODY_BOLD = new Font(Font.HELVETICA, 9, Font.BOLD);
  private static final Font MONO = new Font(Font.COURIER, 9);

  private CasePdf() {}

  public static byte[] render(String reference, String title, List<ExportSection> sections,
      String manifestSha256) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Document document = new Document(PageSize.A4, 40, 40, 40, 40);
    PdfWriter.getInstance(document, out);
    document.addTitle("Dossier " + reference);
    document.addCreator("Vigie");
    document.open();
    Paragraph head = new Paragraph("Dossier " + VisibleText.forPdf(reference) + " — "
        + VisibleText.forPdf(title), TITLE);
    head.setSpacingAfter(4);
    document.add(head);
    document.add(new Paragraph("Document sensible — diffusion restreinte. Heures de Paris, "
        + "avec leur décalage sur le temps universel (UTC).", BODY));
    // The sections flow one after the other: an empty one is its heading and « Néant. », not a
    // page of its own. The manifest's page comes last, on a page of its own.
    for (ExportSection section : sections) {
      Paragraph heading = new Paragraph(VisibleText.forPdf(section.heading()), HEADING);
      heading.setSpacingBefore(12);
      heading.setSpacingAfter(6);
      document.add(heading);
      if (section.isEmpty()) {
        document.add(new Paragraph("Néant.", BODY));
      }
      for (ExportSection.Block block : section.blocks()) {
        switch (block) {
          case ExportSection.Line line -> {
            Paragraph p = new Paragraph(VisibleText.forPdf(CaseManifest.fold(line.text())), BODY);
            p.setSpacingAfter(2);
            document.add(p);
          }
          case ExportSection.Table table -> document.add(table(table));
        }
      }
    }
    document.newPage();
    document.add(new Paragraph("Empreinte du manifeste", HEADING));
    document.add(new Paragraph("SHA-256 du manifeste de contenu (texte canonique de toutes les "
        + "lignes ci-dessus, section par section, encodé en UTF-8) :", BODY));
    Paragraph hash = new Paragraph(new Chunk(manifestSha256, MONO));
    hash.setAlignment(Element.ALIGN_LEFT);
    hash.setSpacingBefore(6);
    document.add(hash);
    document.add(new Paragraph("Deux exports d’un dossier inchangé donnent la même empreinte. "
        + "Les exports eux-mêmes ne figurent pas dans la chronologie du manifeste.", BODY));
    document.add(new Paragraph("Les caractères invisibles du texte reçu (contrôles "
        + "bidirectionnels, NUL et autres caractères de contrôle) sont montrés sous la forme "
        + "<U+202E> ; le manifeste et son empreinte portent sur le texte tel qu’il est.", BODY));
    document.close();
    return out.toByteArray();
  }

  private static PdfPTable table(ExportSection.Table table) {
    PdfPTable pdf = new PdfPTable(table.columns().size());
    pdf.setWidthPercentage(100);
    pdf.setSpacingBefore(2);
    pdf.setSpacingAfter(6);
    pdf.setHeaderRows(1);
    for (String column : table.columns()) {
      PdfPCell cell = new PdfPCell(new Phrase(VisibleText.forPdf(column), BODY_BOLD));
      cell.setGrayFill(0.9f);
      pdf.addCell(cell);
    }
    for (List<String> row : table.rows()) {
      for (String value : row) {
        pdf.addCell(new PdfPCell(new Phrase(VisibleText.forPdf(CaseManifest.fold(value)),
            BODY)));
      }
    }
    return pdf;
  }
}
