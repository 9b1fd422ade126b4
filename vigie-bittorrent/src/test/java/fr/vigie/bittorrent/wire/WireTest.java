package fr.vigie.bittorrent.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.vigie.bittorrent.bencode.BencodeWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class WireTest {

  @Test
  void ourHandshakeSetsTheExtensionAndFastBitsAndNotDht() {
    Handshake h = Handshake.ours(new byte[20], PeerIds.generate());
    byte[] raw = h.encode();
    assertEquals(68, raw.length);
    assertEquals(19, raw[0]);
    assertEquals("BitTorrent protocol", new String(raw, 1, 19, StandardCharsets.US_ASCII));
    assertEquals(0x10, raw[25]);
    assertEquals(0x04, raw[27]);
    Handshake back = Handshake.decode(raw);
    assertTrue(back.extensionProtocol() && back.fastExtension() && !back.dht());
    assertThrows(WireException.class, () -> Handshake.decode(Arrays.copyOf("GET / HTTP/1.1".getBytes(), 68)));
  }

  @Test
  void theWriterHasNoWayToUpload() {
    Set<String> methods = Arrays.stream(MessageWriter.class.getDeclaredMethods()).filter(m -> Modifier.isPublic(m.getModifiers()))
        .map(Method::getName).collect(Collectors.toSet());
    assertEquals(Set.of("handshake", "keepAlive", "interested", "notInterested", "haveNone", "request", "cancel", "reject",
        "extended", "flush", "bytesSent", "payloadBytesSent"), methods,
        "a sensor sends no piece, have, have_all, bitfield, unchoke or suggest: adding one needs this test changed");
  }

  @Test
  void theWriterCountsBytesAndNeverPayload() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    MessageWriter w = new MessageWriter(out);
    w.handshake(Handshake.ours(new byte[20], PeerIds.generate()));
    w.haveNone();
    w.interested();
    w.request(1, 0, 16384);
    w.reject(2, 0, 16384);
    w.extended(0, ExtensionHandshake.ours());
    w.flush();
    assertEquals(out.size(), w.bytesSent());
    assertEquals(0, w.payloadBytesSent());
  }

  @Test
  void messagesDecodeByIdAndWrongLengthsAreRefused() {
    assertInstanceOf(Message.KeepAlive.class, MessageReader.decode(new byte[0]));
    assertEquals(new Message.Have(7), MessageReader.decode(new byte[] {4, 0, 0, 0, 7}));
    assertEquals(new Message.Request(1, 2, 3), MessageReader.decode(ByteBuffer.allocate(13).put((byte) 6).putInt(1).putInt(2).putInt(3).array()));
    assertEquals(new Message.Reject(1, 2, 3), MessageReader.decode(ByteBuffer.allocate(13).put((byte) 16).putInt(1).putInt(2).putInt(3).array()));
    assertInstanceOf(Message.HaveAll.class, MessageReader.decode(new byte[] {14}));
    assertInstanceOf(Message.HaveNone.class, MessageReader.decode(new byte[] {15}));
    assertEquals(new Message.AllowedFast(9), MessageReader.decode(new byte[] {17, 0, 0, 0, 9}));
    assertEquals(new Message.Unknown(99, 3), MessageReader.decode(new byte[] {99, 1, 2}));
    assertThrows(WireException.class, () -> MessageReader.decode(new byte[] {4, 0, 0}));
    assertThrows(WireException.class, () -> MessageReader.decode(new byte[] {0, 1}));
    assertThrows(WireException.class, () -> MessageReader.decode(new byte[] {20}));
  }

  @Test
  void anOversizedMessageIsRefusedBeforeAllocation() {
    MessageReader r = new MessageReader(new ByteArrayInputStream(new byte[] {0x7f, 0, 0, 0, 5}), 1 << 20);
    assertThrows(WireException.class, r::read);
  }

  /** Gives its bytes in slices with a timeout between them, as a slow socket would. */
  private static final class Trickle extends InputStream {
    private final byte[] data;
    private int pos;
    private boolean timeoutNext = true;

    Trickle(byte[] data) {
      this.data = data;
    }

    @Override
    public int read() {
      throw new UnsupportedOperationException();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (pos >= data.length) {
        return -1;
      }
      if (timeoutNext) {
        timeoutNext = false;
        throw new SocketTimeoutException("slow");
      }
      timeoutNext = true;
      b[off] = data[pos++];
      return 1;
    }
  }

  @Test
  void aReadThatTimesOutMidMessageResumesWithoutLosingTheStream() throws IOException {
    byte[] stream = ByteBuffer.allocate(9 + 5).putInt(5).put((byte) 4).putInt(42).putInt(1).put((byte) 1).array();
    MessageReader r = new MessageReader(new Trickle(stream), 1024);
    int timeouts = 0;
    Message first = null;
    while (first == null) {
      try {
        first = r.read();
      } catch (SocketTimeoutException e) {
        timeouts++;
      }
    }
    assertEquals(new Message.Have(42), first);
    assertEquals(9, timeouts);
    Message second = null;
    while (second == null) {
      try {
        second = r.read();
      } catch (SocketTimeoutException e) {
        timeouts++;
      }
    }
    assertInstanceOf(Message.Unchoke.class, second);
  }

  @Test
  void theExtensionHandshakeKeepsItsRawBytesAndReadsTheIdsWeUse() {
    byte[] raw = BencodeWriter.encode(Map.of("m", Map.of("ut_metadata", 3, "ut_pex", 0), "metadata_size", 31_337, "v", "Transmission 3.00",
        "p", 51413, "reqq", 500));
    ExtensionHandshake h = ExtensionHandshake.parse(raw);
    assertArrayEquals(raw, h.raw());
    assertEquals(3, h.utMetadata().getAsInt());
    assertTrue(h.utPex().isEmpty(), "0 disables");
    assertEquals(31_337, h.metadataSize().getAsLong());
    assertEquals("Transmission 3.00", h.client().orElseThrow());
    assertEquals(51413, h.listenPort().getAsInt());
    String ours = new String(ExtensionHandshake.ours(), StandardCharsets.ISO_8859_1);
    assertTrue(ours.contains("11:ut_metadatai1e") && ours.contains("6:ut_pexi2e"), ours);
    assertTrue(!ours.contains("metadata_size") && !ours.contains("upload_only") && !ours.contains("1:pi"), ours);
  }

  @Test
  void utMetadataDataCarriesThePieceAfterItsHeader() {
    byte[] header = BencodeWriter.encode(Map.of("msg_type", 1, "piece", 0, "total_size", 5));
    byte[] msg = Arrays.copyOf(header, header.length + 5);
    System.arraycopy("hello".getBytes(StandardCharsets.US_ASCII), 0, msg, header.length, 5);
    UtMetadata.Received.Data d = assertInstanceOf(UtMetadata.Received.Data.class, UtMetadata.parse(msg));
    assertEquals("hello", new String(d.data(), StandardCharsets.US_ASCII));
    assertInstanceOf(UtMetadata.Received.Reject.class, UtMetadata.parse(UtMetadata.reject(4)));
    UtMetadata.Assembler a = new UtMetadata.Assembler(16384 + 10);
    assertEquals(2, a.pieces());
    a.accept(1, new byte[10]);
    assertThrows(WireException.class, () -> a.accept(0, new byte[5]), "a short middle piece");
    a.accept(0, new byte[16384]);
    assertTrue(a.complete());
  }

  @Test
  void pexGivesTheAddedPeersOfBothFamilies() throws Exception {
    byte[] v4 = {127, 0, 0, 5, 0x1a, (byte) 0xe1};
    byte[] v6 = new byte[18];
    v6[15] = 1;
    v6[17] = 9;
    List<InetSocketAddress> added = Pex.added(BencodeWriter.encode(Map.of("added", v4, "added.f", new byte[] {0}, "added6", v6, "dropped", new byte[0])));
    assertEquals(2, added.size());
    assertEquals(6881, added.get(0).getPort());
    assertEquals(9, added.get(1).getPort());
  }

  @Test
  void peerIdsNameTheirClients() {
    assertTrue(new String(PeerIds.generate(), StandardCharsets.ISO_8859_1).startsWith("-VG0001-"));
    assertEquals("Transmission 3.00", PeerIds.clientName("-TR3000-k5s1iunnecmk".getBytes(StandardCharsets.ISO_8859_1)));
    assertEquals("Transmission 4.0.6", PeerIds.clientName("-TR4060-k5s1iunnecmk".getBytes(StandardCharsets.ISO_8859_1)));
    assertEquals("qBittorrent 4.6.5", PeerIds.clientName("-qB4650-abcdefghijkl".getBytes(StandardCharsets.ISO_8859_1)));
    assertEquals("libtorrent (Rasterbar) 2.0.8", PeerIds.clientName("-LT2080-abcdefghijkl".getBytes(StandardCharsets.ISO_8859_1)));
    assertEquals("aria2 1.36.0", PeerIds.clientName("A2-1-36-0-abcdefghij".getBytes(StandardCharsets.ISO_8859_1)));
    assertEquals("BitTorrent (mainline) 7.4.3", PeerIds.clientName("M7-4-3--abcdefghijkl".getBytes(StandardCharsets.ISO_8859_1)));
    assertEquals("unknown (-ZZ1234-)", PeerIds.clientName("-ZZ1234-abcdefghijkl".getBytes(StandardCharsets.ISO_8859_1)));
    assertEquals("unknown", PeerIds.clientName(new byte[20]));
  }
}
