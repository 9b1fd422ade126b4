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
 * <p>The root is {@code <cyberTips>} or a single {@code <cyberTip>}. Any DOCTYPE refuses the
 * document, no external resource is ever resolved, the input must be UTF-8 (a BOM is fine).
 * A document that cannot be read at all gives one {@link CyberTipOutcome.Rejected} with a null
 * report id. When the XML breaks mid-document, the records before the break are returned, then
 * the broken one rejected with the parser's line and column, then nothing more. Not thread-safe;
 * I/O errors surface as {@link UncheckedIOException}.
 */
public final class CyberTipReader implements Iterator<CyberTipOutcome>, Closeable {

  private static final Pattern DECLARED_ENCODING =
      Pattern.compile("encoding\\s*=\\s*[\"']([^\"']*)[\"']");

  private final InputStream source;
  private final String file;
  private final CyberTipLimits limits;
  private final Set<String> seenReportIds;
  private final CyberTipMapper mapper;
  private XMLStreamReader xml;
  private boolean done;
  private boolean rootSeen;
  private CyberTipOutcome ahead;

  /** Reads {@code in} (closed by {@link #close()}), naming it {@code file} in rejections. */
  public CyberTipReader(InputStream in, String file) {
    this(in, file, CyberTipLimits.DEFAULT, new HashSet<>());
  }

  public CyberTipReader(InputStream in, String file, CyberTipLimits limits) {
    this(in, file, limits, new HashSet<>());
  }

  /** Shares {@code seenReportIds} with other documents of the same input (zip entries). */
  CyberTipReader(InputStream in, String file, CyberTipLimits limits, Set<String> seenReportIds) {
    this.source = in;
    this.file = file;
    this.limits = limits;
    this.seenReportIds = seenReportIds;
    this.mapper = new CyberTipMapper(file);
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
          if (!name.equals("cyberTip")) {
            done = true;
            return refuse("the root element must be cyberTips or cyberTip, found " + name);
          }
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
      Location at = e.getLocation() != null ? e.getLocation() : xml.getLocation();
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
      } else if (head.length >= 2 && (((head[0] & 0xff) == 0xFE && (head[1] & 0xff) == 0xFF)
          || ((head[0] & 0xff) == 0xFF && (head[1] & 0xff) == 0xFE) || head[0] == 0
          || head[1] == 0)) {
        return refuse("the document is UTF-16 or UTF-32; Vigie reads UTF-8 only");
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

  private CyberTipOutcome readRecord() throws XMLStreamException {
    RecordBuffer record = new RecordBuffer(limits);
    XmlNode root = record.start(xml, null);
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
          root.attr("reportId"), parserReason(e), record.raw());
    }
    String reportId = root.attr("reportId");
    if (record.problem() != null) {
      XmlNode at = record.problemNode() == null ? root : record.problemNode();
      remember(reportId);
      return new CyberTipOutcome.Rejected(file, at.line, at.column, record.problemPath(),
          reportId, record.problem(), record.raw());
    }
    if (reportId != null && !remember(reportId)) {
      return new CyberTipOutcome.Rejected(file, root.line, root.column, "cyberTip/@reportId",
          reportId, "reportId " + reportId + " already read earlier in this input", record.raw());
    }
    return mapper.map(root, record.raw());
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
