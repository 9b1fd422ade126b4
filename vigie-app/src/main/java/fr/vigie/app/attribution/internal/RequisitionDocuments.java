package fr.vigie.app.attribution.internal;

import fr.vigie.app.attribution.Requisition;
import fr.vigie.app.attribution.RequisitionItem;
import fr.vigie.app.attribution.RequisitionTimes;
import fr.vigie.app.web.VisibleText;
import fr.vigie.formats.csv.CsvWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import org.openpdf.text.Document;
import org.openpdf.text.Element;
import org.openpdf.text.Font;
import org.openpdf.text.FontFactory;
import org.openpdf.text.PageSize;
import org.openpdf.text.Paragraph;
import org.openpdf.text.Phrase;
import org.openpdf.text.pdf.PdfPCell;
import org.openpdf.text.pdf.PdfPTable;
import org.openpdf.text.pdf.PdfWriter;

/**
 * A requisition as the operator receives it: a PDF for the officer to sign, and a CSV for the
 * operator's portal. Both list every line with the instant in UTC and in Paris time with its
 * offset. Text is in French: it is a French legal document.
 */
public final class RequisitionDocuments {

  /** The CSV's header; docs/attribution.md documents it. */
  public static final List<String> CSV_HEADER = List.of("requisition", "line", "ip", "port",
      "utc_time", "paris_time", "report");

  private RequisitionDocuments() {}

  public static String csv(Requisition r, List<RequisitionItem> items) {
    StringWriter out = new StringWriter();
    try (CsvWriter csv = new CsvWriter(out)) {
      csv.writeRecord(CSV_HEADER);
      int line = 1;
      for (RequisitionItem i : items) {
        csv.writeRecord(VisibleText.all(r.reference(), Integer.toString(line++), i.ip(),
            i.port() == null ? "" : i.port().toString(), RequisitionTimes.utc(i.occurredAt()),
            RequisitionTimes.paris(i.occurredAt()), i.reportRef() == null ? "" : i.reportRef()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  public static byte[] pdf(Requisition r, List<RequisitionItem> items) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Document document = new Document(PageSize.A4, 48, 48, 48, 48);
    PdfWriter.getInstance(document, bytes);
    document.addTitle("Réquisition " + r.reference());
    document.addCreator("Vigie");
    document.open();
    Font title = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 14);
    Font normal = FontFactory.getFont(FontFactory.HELVETICA, 10);
    Font bold = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 10);
    Font small = FontFactory.getFont(FontFactory.HELVETICA, 8);
    Paragraph head = new Paragraph("RÉQUISITION JUDICIAIRE " + r.reference(), title);
    head.setAlignment(Element.ALIGN_CENTER);
    document.add(head);
    document.add(new Paragraph(" ", normal));
    document.add(new Paragraph("Base légale : " + shown(r.legalBasis()), bold));
    document.add(new Paragraph("Procédure : " + shown(r.procedureRef()), normal));
    document.add(new Paragraph("Officier requérant : " + shown(r.requestingOfficer())
        + (r.unitCode() == null ? "" : " (" + shown(r.unitCode()) + ")"), normal));
    document.add(new Paragraph("Destinataire : " + shown(r.operatorName()) + " — "
        + shown(r.operatorContact()) + (r.operatorEmail() == null ? "" : " <"
        + shown(r.operatorEmail()) + ">"), normal));
    document.add(new Paragraph(" ", normal));
    document.add(new Paragraph("Veuillez nous communiquer, pour chacune des connexions "
        + "ci-dessous, l'identité complète de l'abonné (nom, prénom, adresse, code postal, "
        + "commune, type de contrat) titulaire de l'adresse IP et, le cas échéant, du port "
        + "source, à l'instant indiqué. Les heures sont données en UTC et en heure de Paris "
        + "avec leur décalage.", normal));
    document.add(new Paragraph(" ", normal));
    PdfPTable table = new PdfPTable(new float[] {4, 18, 7, 20, 24, 27});
    table.setWidthPercentage(100);
    table.setHeaderRows(1);
    for (String h : List.of("N°", "Adresse IP", "Port", "Heure UTC", "Heure de Paris",
        "Signalement")) {
      PdfPCell cell = new PdfPCell(new Phrase(h, bold));
      cell.setGrayFill(0.9f);
      table.addCell(cell);
    }
    int line = 1;
    for (RequisitionItem i : items) {
      table.addCell(new Phrase(Integer.toString(line++), small));
      table.addCell(new Phrase(shown(i.ip()), small));
      table.addCell(new Phrase(i.port() == null ? "—" : i.port().toString(), small));
      table.addCell(new Phrase(RequisitionTimes.utc(i.occurredAt()), small));
      table.addCell(new Phrase(RequisitionTimes.paris(i.occurredAt()), small));
      table.addCell(new Phrase(shown(i.reportRef()), small));
    }
    document.add(table);
    document.add(new Paragraph(" ", normal));
    document.add(new Paragraph("Réponse attendue sous " + (r.dueAt() == null
        ? "le délai habituel de l'opérateur" : "le " + RequisitionTimes.parisToTheSecond(r.dueAt()))
        + ", au format CSV décrit en annexe (requisition, ip, port, utc_time, identity, "
        + "address, postal_code, city, contract_type).", normal));
    document.add(new Paragraph(" ", normal));
    document.add(new Paragraph("Fait le " + RequisitionTimes.parisToTheSecond(r.createdAt())
        + "          Signature :", normal));
    document.close();
    return bytes.toByteArray();
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }

  /**
   * Text from outside (a report's number, a typed name) as the PDF shows it: its hidden
   * characters as {@code <U+202E>} markers; "" for null.
   */
  private static String shown(String s) {
    return nz(VisibleText.forPdf(s));
  }
}
