package fr.vigie.app.operations.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openpdf.text.Document;
import org.openpdf.text.Font;
import org.openpdf.text.PageSize;
import org.openpdf.text.Paragraph;
import org.openpdf.text.pdf.PdfWriter;

/**
 * Lays a briefing pack out as a PDF, text only: a title, then each block (a heading and its
 * lines), then the manifest's SHA-256. The bytes are made deterministic: OpenPDF writes the time
 * of writing as the creation and modification dates, a document id from the clock and random
 * subset tags for the fonts it embeds, so the dates are replaced by the operation's day, the id
 * by the manifest's hash and the tags by one fixed tag, each with a value of the same length (the
 * cross-reference offsets stay right).
 */
public final class BriefingPdf {

  private static final Font TITLE = new Font(Font.HELVETICA, 16, Font.BOLD);
  private static final Font HEADING = new Font(Font.HELVETICA, 12, Font.BOLD);
  private static final Font BODY = new Font(Font.HELVETICA, 9);
  private static final Font MONO = new Font(Font.COURIER, 9);
  private static final Pattern DATE = Pattern.compile("\\((D:\\d{14}[^)]*)\\)");
  private static final Pattern SUBSET = Pattern.compile("/[A-Z]{6}\\+");
  private static final Pattern ID = Pattern.compile("/ID\\s*\\[\\s*<([0-9a-fA-F]+)>\\s*<([0-9a-fA-F]+)>");

  /** A heading and its lines. */
  public record Block(String heading, List<String> lines) {}

  private BriefingPdf() {}

  /** The canonical text the hash covers: the title, then each heading and its lines. */
  public static String manifest(String title, List<Block> blocks) {
    StringBuilder text = new StringBuilder(title).append('\n');
    for (Block b : blocks) {
      text.append("\n## ").append(b.heading()).append('\n');
      for (String line : b.lines()) {
        text.append(line.replace('\n', ' ')).append('\n');
      }
    }
    return text.toString();
  }

  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The PDF; {@code day} is the date written in it, as yyyyMMdd. */
  public static byte[] render(String title, List<Block> blocks, String manifestSha256, String day) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Document document = new Document(PageSize.A4, 40, 40, 40, 40);
    PdfWriter.getInstance(document, out);
    document.addTitle(title);
    document.addCreator("Vigie");
    document.open();
    document.add(new Paragraph(title, TITLE));
    document.add(new Paragraph("Document sensible — diffusion restreinte à l’unité destinataire. "
        + "Heures de Paris.", BODY));
    for (Block b : blocks) {
      Paragraph heading = new Paragraph(b.heading(), HEADING);
      heading.setSpacingBefore(10);
      heading.setSpacingAfter(4);
      document.add(heading);
      if (b.lines().isEmpty()) {
        document.add(new Paragraph("Néant.", BODY));
      }
      for (String line : b.lines()) {
        document.add(new Paragraph(line, BODY));
      }
    }
    document.newPage();
    document.add(new Paragraph("Empreinte du manifeste", HEADING));
    document.add(new Paragraph("SHA-256 du texte de toutes les lignes ci-dessus (UTF-8) :", BODY));
    document.add(new Paragraph(manifestSha256, MONO));
    document.close();
    return fixed(out.toByteArray(), manifestSha256, day);
  }

  /** Replaces the writing time and the random document id, keeping every length. */
  private static byte[] fixed(byte[] pdf, String manifestSha256, String day) {
    String text = new String(pdf, StandardCharsets.ISO_8859_1);
    StringBuilder result = new StringBuilder(text.length());
    Matcher d = DATE.matcher(text);
    int last = 0;
    while (d.find()) {
      String old = d.group(1);
      String fixedDate = ("D:" + day + "000000+00'00'").concat(" ".repeat(
          Math.max(0, old.length() - 23)));
      result.append(text, last, d.start(1)).append(fixedDate, 0, old.length());
      last = d.end(1);
    }
    result.append(text.substring(last));
    text = result.toString();
    Matcher m = ID.matcher(text);
    StringBuilder withId = new StringBuilder(text.length());
    last = 0;
    while (m.find()) {
      withId.append(text, last, m.start(1)).append(hexOf(manifestSha256, m.group(1).length()))
          .append(text, m.end(1), m.start(2)).append(hexOf(manifestSha256, m.group(2).length()));
      last = m.end(2);
    }
    withId.append(text.substring(last));
    // The embedded fonts' subset tags are drawn at random: one fixed tag instead.
    String tagged = SUBSET.matcher(withId).replaceAll("/VIGIEA+");
    return tagged.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static String hexOf(String hash, int length) {
    StringBuilder s = new StringBuilder();
    while (s.length() < length) {
      s.append(hash);
    }
    return s.substring(0, length);
  }
}
