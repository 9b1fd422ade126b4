package fr.vigie.bench;

import fr.vigie.formats.cybertip.CyberTipOutcome;
import fr.vigie.formats.cybertip.CyberTipReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One question: how many cyberTips a second does one core read with {@link CyberTipReader}
 * (validation, normalisation, raw XML kept), against a bare StAX pass that only walks every
 * event of the same bytes? One operation is one report ({@code @OperationsPerInvocation}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class CyberTipReaderBenchmark {

  static final int REPORTS = 1000;

  private byte[] document;
  private final XMLInputFactory factory = XMLInputFactory.newDefaultFactory();

  @Setup(Level.Trial)
  public void generate() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CyberTipGenerator.write(REPORTS, out);
    document = out.toByteArray();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_COALESCING, false);
    long accepted;
    try (CyberTipReader r = new CyberTipReader(new ByteArrayInputStream(document), "bench")) {
      accepted = r.stream().filter(o -> o instanceof CyberTipOutcome.Accepted).count();
    }
    if (accepted != REPORTS) {
      throw new IllegalStateException("generator wrote " + (REPORTS - accepted) + " bad reports");
    }
    System.out.printf("%n%d reports, %d bytes%n", REPORTS, document.length);
  }

  @Benchmark
  @OperationsPerInvocation(REPORTS)
  public long reader() throws IOException {
    long sum = 0;
    try (CyberTipReader r = new CyberTipReader(new ByteArrayInputStream(document), "bench")) {
      while (r.hasNext()) {
        if (r.next() instanceof CyberTipOutcome.Accepted a) {
          sum += a.tip().files().size() + a.tip().ipEvents().size();
        }
      }
    }
    return sum;
  }

  @Benchmark
  @OperationsPerInvocation(REPORTS)
  public long bareStax() throws XMLStreamException {
    XMLStreamReader xml = factory.createXMLStreamReader(new ByteArrayInputStream(document));
    long events = 0;
    while (xml.hasNext()) {
      events += xml.next();
    }
    xml.close();
    return events;
  }
}
