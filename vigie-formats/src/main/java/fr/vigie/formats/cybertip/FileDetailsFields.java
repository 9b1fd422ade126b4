package fr.vigie.formats.cybertip;

import static fr.vigie.formats.cybertip.Fields.quote;
import static fr.vigie.formats.cybertip.Fields.required;

import fr.vigie.formats.cybertip.Fields.Invalid;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Reads one {@code fileDetails}, inside a cyberTip or a document of its own. */
final class FileDetailsFields {

  private FileDetailsFields() {}

  /**
   * The file; its {@code reportId} (optional here) is checked by the caller, who knows which
   * report the file belongs to.
   */
  static ReportedFile file(XmlNode node, String owner) {
    String reportId = node.text("reportId");
    String fileId = required(node, "fileId").text();
    List<FileHash> hashes = new ArrayList<>();
    for (XmlNode h : node.children("originalFileHash")) {
      String type = h.attr("hashType");
      if (type == null || type.isBlank()) {
        throw new Invalid(h, h.path() + "/@hashType", "missing hashType");
      }
      if (type.length() > 64) {
        throw new Invalid(h, h.path() + "/@hashType", "hashType longer than 64 characters");
      }
      FileHash.Algorithm algorithm = FileHash.Algorithm.of(type);
      String value = h.text() == null ? "" : h.text();
      String problem = FileHash.problem(algorithm, value);
      if (problem != null) {
        throw new Invalid(h, h.path(), problem + ": " + quote(value));
      }
      hashes.add(new FileHash(type, algorithm, algorithm == FileHash.Algorithm.OTHER ? value
          : value.toLowerCase(Locale.ROOT)));
    }
    IndustryClassification classification = null;
    XmlNode c = node.child("industryClassification");
    if (c != null && c.text() != null) {
      classification = IndustryClassification.fromText(c.text());
      if (classification == null) {
        throw new Invalid(c, c.path(), "unknown industryClassification " + quote(c.text()));
      }
    }
    FileRelevance relevance = null;
    XmlNode r = node.child("fileRelevance");
    if (r != null && r.text() != null) {
      relevance = FileRelevance.fromText(r.text());
      if (relevance == null) {
        throw new Invalid(r, r.path(), "unknown fileRelevance " + quote(r.text()));
      }
    }
    List<ReportedFile.Detail> details = new ArrayList<>();
    for (XmlNode d : node.children("details")) {
      for (XmlNode pair : d.children("nameValuePair")) {
        String type = pair.attr("type") != null ? pair.attr("type") : d.attr("type");
        details.add(new ReportedFile.Detail(type, pair.text("name"), pair.text("value")));
      }
    }
    return new ReportedFile(fileId, node.text("originalFileName"), hashes, classification,
        relevance, Fields.flags(node.child("fileAnnotations")), details,
        Fields.ipEvents(node, owner), reportId, Fields.deviceIds(node, owner));
  }
}
