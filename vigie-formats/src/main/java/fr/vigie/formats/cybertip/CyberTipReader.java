package fr.vigie.formats.cybertip;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import javax.xml.XMLConstants;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads one XML document of cyberTips as a stream of outcomes, one per {@code <cyberTip>}, in
 * constant memory: only the current record is held, bounded by {@link CyberTipLimits}, plus the
 * set of report ids already seen (to reject repeats).
 *
 * <p>The root is {@code <cyberTips>} or a single {@code <cyberTip>} (Vigie's envelope), or a
 * provider's bare {@code <report>} (one record, its id derived from its content and the source
 * the caller names, see {@link CyberTip#reportIdDerived()}), or a bare {@code <fileDetails>}
 * (alone it has no report to go with: rejected; in a zip or folder, {@link CyberTipFiles} puts
 * it with its report), or {@code <reportDocuments>} (a report and its fileDetails as Vigie
 * writes them back in a raw record). Any DOCTYPE refuses the
 * document, no external resource is ever resolved, the input must be UTF-8 (a BOM is fine).
 * A document that cannot be read at all gives one {@link CyberTipOutcome.Rejected} with a null
 * report id. When the XML breaks mid-document, the records before the break are returned, then
 * the broken one rejected with the parser's line and column, then nothing more. Not thread-safe;
 * I/O errors surface as {@link UncheckedIOException}.
 */
public final class CyberTipReader implements Iterator<CyberTipOutcome>, Closeable {

  private static final Set<String> ROOTS =
      Set.of("cyberTip", "report", "fileDetails", XmlNode.WRAPPER);

  private static final Pattern DECLARED_ENCODING =
      Pattern.compile("encoding\\s*=\\s*[\"']([^\"']*)[\"']");

  /** A document's root element as read, with what it holds as raw text. */
  record Held(XmlNode node, String raw) {}

  /**
   * The zip or folder a document is read in, which puts separate fileDetails documents with
   * their report (docs/formats.md, "Report and fileDetails documents").
   */
  interface Batch {
    /** The separate fileDetails naming this report number, taken off the batch. */
    List<Held> filesFor(String reportId);

    /** The separate fileDetails that go with a report document without number. */
    List<Held> filesForReport();

    /** Keeps a fileDetails document for its report: null, or why it cannot. */
    String hold(Held fileDetails);

    /** A document read on its own. */
    Batch NONE = new Batch() {
      @Override
      public List<Held> filesFor(String reportId) {
        return List.of();
      }

      @Override
      public List<Held> filesForReport() {
        return List.of();
      }

      @Override
      public String hold(Held fileDetails) {
        return "a fileDetails document on its own: its report is not in this input (send the "
            + "report and its fileDetails documents together, in one zip or folder)";
      }
    };
  }

  private final InputStream source;
  private final String file;
  private final CyberTipLimits limits;
  private final Set<String> seenReportIds;
  private final ReportSource bareReportSource;
  private final Batch batch;
  private XMLStreamReader xml;
  private boolean done;
  private boolean rootSeen;
  private CyberTipOutcome ahead;

  /**
   * Reads {@code in} (closed by {@link #close()}), naming it {@code file} in rejections. A
   * {@code <report>} document is rejected: without a source there is no id to give it.
   */
  public CyberTipReader(InputStream in, String file) {
    this(in, file, CyberTipLimits.DEFAULT, null);
  }

  public CyberTipReader(InputStream in, String file, CyberTipLimits limits) {
    this(in, file, limits, null);
  }

  /**
   * As {@link #CyberTipReader(InputStream, String, CyberTipLimits)}; a {@code <report>}
   * document, which holds no report number, is filed under {@code bareReportSource} (who sent
   * it: the caller knows, the file does not say) and gets an id derived from its content and
   * that source's code. Null: such documents are rejected. Envelope records are NCMEC's.
   */
  public CyberTipReader(InputStream in, String file, CyberTipLimits limits,
      ReportSource bareReportSource) {
    this(in, file, limits, bareReportSource, new HashSet<>(), Batch.NONE);
  }

  /** Shares {@code seenReportIds} with the other documents of one input (zip or folder). */
  CyberTipReader(InputStream in, String file, CyberTipLimits limits,
      ReportSource bareReportSource, Set<String> seenReportIds, Batch batch) {
    this.source = in;
    this.file = file;
    this.limits = limits;
    this.seenReportIds = seenReportIds;
    this.bareReportSource = bareReportSource;
    this.batch = batch;
  }

  /** The remaining outcomes as a lazy stream; closing the stream closes the input. */
  public Stream<CyberTipOutcome> stream() {
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(this,
        Spliterator.ORDERED | Spliterator.NONNULL), false).onClose(() -> {
          try {
            close();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  @Override
  public boolean hasNext() {
    if (ahead == null && !done) {
      ahead = advance();
    }
    return ahead != null;
  }

  @Override
  public CyberTipOutcome next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    CyberTipOutcome o = ahead;
    ahead = null;
    return o;
  }

  private CyberTipOutcome advance() {
    try {
      if (xml == null) {
        CyberTipOutcome refused = open();
        if (refused != null) {
          done = true;
          return refused;
        }
      }
      while (xml.hasNext()) {
        int event = xml.next();
        if (event == XMLStreamConstants.DTD) {
          done = true;
          return refuse("a DOCTYPE is not allowed (external entities and entity expansion are "
              + "refused): the document was not read");
        }
        if (event != XMLStreamConstants.START_ELEMENT) {
          continue;
        }
        String name = xml.getLocalName();
        if (!rootSeen) {
          rootSeen = true;
          if (name.equals("cyberTips")) {
            continue;
          }
          if (!ROOTS.contains(name)) {
            done = true;
            return refuse("the root element must be cyberTips, cyberTip, report, fileDetails or "
                + XmlNode.WRAPPER + ", found " + name);
          }
          CyberTipOutcome o = readRecord();
          if (o != null) {
            return o;
          }
          continue;
        }
        if (name.equals("cyberTip")) {
          return readRecord();
        }
        skipElement();
      }
      done = true;
      return rootSeen ? null : refuse("no root element: the document is empty");
    } catch (XMLStreamException e) {
      done = true;
      // The parser may fail before it exists (junk where the XML declaration should be).
      Location at = e.getLocation() != null ? e.getLocation()
          : xml == null ? null : xml.getLocation();
      return new CyberTipOutcome.Rejected(file, line(at), column(at), rootSeen ? "cyberTips" : "",
          null, parserReason(e), "");
    }
  }

  /** Opens the parser; returns a rejection when the bytes are not UTF-8 XML. */
  private CyberTipOutcome open() throws XMLStreamException {
    try {
      BufferedInputStream in = new BufferedInputStream(source, 1 << 16);
      in.mark(512);
      byte[] head = in.readNBytes(512);
      in.reset();
      int start = 0;
      if (head.length >= 3 && (head[0] & 0xff) == 0xEF && (head[1] & 0xff) == 0xBB
          && (head[2] & 0xff) == 0xBF) {
        in.skipNBytes(3);
        start = 3;
      } else {
        String notText = NotUtf8.reason(NotUtf8.of(head, head.length), "the document");
        if (notText != null) {
          return refuse(notText);
        }
      }
      if (head.length - start == 0) {
        return refuse("no root element: the document is empty");
      }
      String text = new String(head, start, head.length - start, StandardCharsets.ISO_8859_1);
      if (text.startsWith("<?xml")) {
        int end = text.indexOf("?>");
        Matcher m = DECLARED_ENCODING.matcher(end > 0 ? text.substring(0, end) : text);
        if (m.find() && !m.group(1).equalsIgnoreCase("UTF-8")
            && !m.group(1).equalsIgnoreCase("UTF8")) {
          return refuse("the document declares encoding " + m.group(1)
              + "; Vigie reads UTF-8 only (convert it first)");
        }
      }
      xml = factory().createXMLStreamReader(new StrictUtf8Reader(in));
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Ends a stream after {@code left} bytes: the parser reads ahead as little as it needs. */
  private static final class Limited extends java.io.FilterInputStream {
    private long left;

    Limited(InputStream in, long left) {
      super(in);
      this.left = left;
    }

    @Override
    public int read() throws IOException {
      if (left <= 0) {
        return -1;
      }
      int b = super.read();
      if (b >= 0) {
        left--;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (left <= 0) {
        return -1;
      }
      int n = super.read(b, off, (int) Math.min(len, left));
      if (n > 0) {
        left -= n;
      }
      return n;
    }
  }

  static XMLInputFactory factory() {
    XMLInputFactory f = XMLInputFactory.newDefaultFactory();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    f.setProperty(XMLInputFactory.IS_COALESCING, false);
    f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
    f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    f.setXMLResolver((publicId, systemId, base, namespace) -> {
      throw new XMLStreamException("external resource refused: " + systemId);
    });
    return f;
  }

  /** Reads the element at hand as one record; null when it was a fileDetails the batch keeps. */
  private CyberTipOutcome readRecord() throws XMLStreamException {
    RecordBuffer record = new RecordBuffer(limits);
    XmlNode root = record.start(xml, null);
    root.file = file;
    boolean envelope = root.name.equals("cyberTip");
    ArrayDeque<XmlNode> open = new ArrayDeque<>();
    open.push(root);
    try {
      while (!open.isEmpty()) {
        int event = xml.next();
        switch (event) {
          case XMLStreamConstants.START_ELEMENT -> open.push(record.start(xml, open.peek()));
          case XMLStreamConstants.END_ELEMENT -> {
            record.end(xml.getLocalName());
            open.pop();
          }
          case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA,
              XMLStreamConstants.SPACE -> record.text(open.peek(), xml);
          default -> { }
        }
      }
    } catch (XMLStreamException e) {
      done = true;
      Location at = e.getLocation() != null ? e.getLocation() : xml.getLocation();
      XmlNode where = open.peek() == null ? root : open.peek();
      return new CyberTipOutcome.Rejected(file, line(at), column(at), where.path(),
          envelope ? root.attr("reportId") : null, parserReason(e), record.raw());
    }
    String reportId = envelope ? root.attr("reportId") : null;
    if (record.problem() != null) {
      XmlNode at = record.problemNode() == null ? root : record.problemNode();
      remember(reportId);
      return new CyberTipOutcome.Rejected(file, at.line, at.column, record.problemPath(),
          reportId, record.problem(), record.raw());
    }
    return switch (root.name) {
      case "cyberTip" -> envelope(root, record.raw());
      case "report" -> bareReport(root, record.raw());
      case "fileDetails" -> fileDetailsDocument(root, record.raw());
      default -> bare(root, record.raw());
    };
  }

  private CyberTipOutcome envelope(XmlNode root, String raw) {
    String reportId = root.attr("reportId");
    if (reportId != null && !remember(reportId)) {
      return new CyberTipOutcome.Rejected(file, root.line, root.column, "cyberTip/@reportId",
          reportId, "reportId " + reportId + " already read earlier in this input", raw);
    }
    List<Held> loose = reportId == null ? List.of() : batch.filesFor(reportId.strip());
    if (!loose.isEmpty()) {
      String end = "</" + root.name + ">";
      StringBuilder b = new StringBuilder(raw.length() + 1024)
          .append(raw, 0, raw.length() - end.length());
      for (Held h : loose) {
        root.adopt(h.node());
        b.append(h.raw());
      }
      raw = b.append(end).toString();
      if (raw.length() > limits.maxRecordChars()) {
        return tooLong(root, reportId, raw);
      }
    }
    return CyberTipMapper.envelope(root, raw);
  }

  /** A report document: its batch's separate fileDetails join it under a wrapper. */
  private CyberTipOutcome bareReport(XmlNode report, String raw) {
    XmlNode group = new XmlNode(XmlNode.WRAPPER, null, report.line, report.column);
    group.file = file;
    group.adopt(report);
    List<Held> loose = batch.filesForReport();
    if (!loose.isEmpty()) {
      StringBuilder b = new StringBuilder(raw.length() + 1024)
          .append('<').append(XmlNode.WRAPPER).append('>').append(raw);
      for (Held h : loose) {
        group.adopt(h.node());
        b.append(h.raw());
      }
      raw = b.append("</").append(XmlNode.WRAPPER).append('>').toString();
      if (raw.length() > limits.maxRecordChars()) {
        return tooLong(report, null, raw);
      }
    }
    return bare(group, raw);
  }

  /** A report without number and its files, under a {@code reportDocuments} root. */
  private CyberTipOutcome bare(XmlNode group, String raw) {
    if (bareReportSource == null) {
      return new CyberTipOutcome.Rejected(file, group.line, group.column, "report", null,
          "a report document holds no report number: the importer must say which source sent "
          + "it, and none was given", raw);
    }
    CyberTipOutcome o = CyberTipMapper.bare(group, bareReportSource, raw);
    if (o instanceof CyberTipOutcome.Accepted a) {
      String id = a.tip().reportId();
      String code = bareReportSource.code();
      if (!seenReportIds.add("NCMEC".equals(code) ? id : code + "\u0000" + id)) {
        XmlNode report = group.child("report");
        return new CyberTipOutcome.Rejected(report.file(), report.line, report.column,
            "report", id, "the same report (id " + id + ", derived from its content) was "
            + "already read earlier in this input", raw);
      }
    }
    return o;
  }

  private CyberTipOutcome fileDetailsDocument(XmlNode root, String raw) {
    String refused = batch.hold(new Held(root, raw));
    if (refused == null) {
      return null;
    }
    XmlNode idNode = root.child("reportId");
    XmlNode at = idNode == null ? root : idNode;
    return new CyberTipOutcome.Rejected(file, at.line, at.column, at.path(), null, refused,
        raw);
  }

  private CyberTipOutcome tooLong(XmlNode root, String reportId, String raw) {
    return new CyberTipOutcome.Rejected(file, root.line, root.column, root.path(), reportId,
        "record longer than " + limits.maxRecordChars() + " characters with its separate "
        + "fileDetails documents", raw.substring(0, limits.maxRecordChars()));
  }

  /**
   * The local name of the document's root element, or null when the document is not UTF-8 XML
   * or its root is not within the first {@code maxBytes} (it is then read in full, in order, to
   * say why). Closes {@code in}.
   */
  static String rootName(InputStream in, int maxBytes) {
    try (InputStream bounded = new BufferedInputStream(new Limited(in, maxBytes), 4096)) {
      bounded.mark(4);
      byte[] bom = bounded.readNBytes(3);
      bounded.reset();
      if (bom.length == 3 && (bom[0] & 0xff) == 0xEF && (bom[1] & 0xff) == 0xBB
          && (bom[2] & 0xff) == 0xBF) {
        bounded.skipNBytes(3);
      }
      XMLStreamReader r = factory().createXMLStreamReader(new StrictUtf8Reader(bounded));
      try {
        while (r.hasNext()) {
          int event = r.next();
          if (event == XMLStreamConstants.DTD) {
            return null;
          }
          if (event == XMLStreamConstants.START_ELEMENT) {
            return r.getLocalName();
          }
        }
        return null;
      } finally {
        r.close();
      }
    } catch (CyberTipFiles.BombException e) {
      throw e;
    } catch (XMLStreamException | IOException | RuntimeException e) {
      return null;
    }
  }

  /** Returns false when the id was already seen. */
  private boolean remember(String reportId) {
    return reportId == null || seenReportIds.add(reportId.strip());
  }

  private void skipElement() throws XMLStreamException {
    int depth = 1;
    while (depth > 0) {
      int event = xml.next();
      if (event == XMLStreamConstants.START_ELEMENT) {
        depth++;
      } else if (event == XMLStreamConstants.END_ELEMENT) {
        depth--;
      }
    }
  }

  private CyberTipOutcome refuse(String reason) {
    Location at = xml == null ? null : xml.getLocation();
    return new CyberTipOutcome.Rejected(file, at == null ? 1 : line(at),
        at == null ? 1 : column(at), "", null, reason, "");
  }

  private static long line(Location at) {
    return at == null ? 0 : Math.max(0, at.getLineNumber());
  }

  private static long column(Location at) {
    return at == null ? 0 : Math.max(0, at.getColumnNumber());
  }

  private static String parserReason(XMLStreamException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof CharacterCodingException) {
        return "bytes that are not UTF-8 (wrong encoding?): reading stopped here";
      }
      if (t.getCause() == t) {
        break;
      }
    }
    Throwable nested = e.getNestedException();
    if (nested instanceof CharacterCodingException) {
      return "bytes that are not UTF-8 (wrong encoding?): reading stopped here";
    }
    String m = String.valueOf(e.getMessage());
    int i = m.indexOf("Message: ");
    return "XML not well-formed, reading stopped: " + (i >= 0 ? m.substring(i + 9) : m).strip();
  }

  @Override
  public void close() throws IOException {
    done = true;
    try {
      if (xml != null) {
        xml.close();
      }
    } catch (XMLStreamException e) {
      throw new IOException(e);
    } finally {
      source.close();
    }
  }
}
