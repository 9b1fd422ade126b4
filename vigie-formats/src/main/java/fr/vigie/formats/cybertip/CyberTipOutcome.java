package fr.vigie.formats.cybertip;

/** What became of one {@code <cyberTip>} (or of a whole input that had to be refused). */
public sealed interface CyberTipOutcome {

  /** The raw XML of the record as read, for quarantine or compression (see {@link CyberTip}). */
  String rawXml();

  /**
   * A valid record, normalised.
   *
   * @param source where the record comes from (NCMEC for CyberTipline XML; named in the record
   *     or by the importer for the Vigie JSON Lines and CSV formats)
   * @param rawFormat a {@code reports.raw_format} code: CYBERTIP_XML, JSONL, CSV or FORM
   */
  record Accepted(CyberTip tip, ReportSource source, String rawFormat)
      implements CyberTipOutcome {

    /** A CyberTipline XML record, from NCMEC. */
    public Accepted(CyberTip tip) {
      this(tip, ReportSource.NCMEC, "CYBERTIP_XML");
    }

    @Override
    public String rawXml() {
      return tip.rawXml();
    }
  }

  /**
   * A record that goes to quarantine, or a whole input refused (then {@code reportId} is null and
   * {@code fieldPath} names the document or the zip entry).
   *
   * @param file the input's name ({@code archive.zip!/entry.xml} inside a zip)
   * @param line 1-based line of the faulty element or of the parser's error, 0 when unknown
   * @param column 1-based column, 0 when unknown
   * @param fieldPath e.g. {@code cyberTip/fileDetails[2]/originalFileHash[1]/@hashType}
   * @param reportId the record's {@code @reportId} when it could be read, else null
   * @param reason why, in words, quoting the bad value (cut to 100 characters)
   * @param rawXml what was read of the record, possibly cut at the record size limit; "" when
   *     the whole input was refused before any record
   */
  record Rejected(String file, long line, long column, String fieldPath, String reportId,
      String reason, String rawXml) implements CyberTipOutcome {}
}
