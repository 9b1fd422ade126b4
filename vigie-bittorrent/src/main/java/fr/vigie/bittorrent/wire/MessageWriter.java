package fr.vigie.bittorrent.wire;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;

/**
 * Writes the only messages a sensor sends. There is no method for {@code piece}, {@code have},
 * {@code have_all}, a non-empty {@code bitfield}, {@code unchoke} or {@code suggest}: the never-
 * upload rule is a property of this class's surface, not of a flag. {@link #payloadBytesSent()}
 * counts block bytes of piece messages sent and stays 0 by construction; it is exposed so every
 * observation can say so and every test can check it. Not thread-safe.
 */
public final class MessageWriter {

  private final OutputStream out;
  private long bytesSent;
  private long payloadBytesSent;

  public MessageWriter(OutputStream out) {
    this.out = out;
  }

  public void handshake(Handshake h) throws IOException {
    write(h.encode());
  }

  public void keepAlive() throws IOException {
    write(new byte[4]);
  }

  public void interested() throws IOException {
    frame(Message.INTERESTED, new byte[0]);
  }

  public void notInterested() throws IOException {
    frame(Message.NOT_INTERESTED, new byte[0]);
  }

  /** BEP 6: we hold nothing, said in place of a bitfield. */
  public void haveNone() throws IOException {
    frame(Message.HAVE_NONE, new byte[0]);
  }

  public void request(int index, int begin, int length) throws IOException {
    frame(Message.REQUEST, ByteBuffer.allocate(12).putInt(index).putInt(begin).putInt(length).array());
  }

  public void cancel(int index, int begin, int length) throws IOException {
    frame(Message.CANCEL, ByteBuffer.allocate(12).putInt(index).putInt(begin).putInt(length).array());
  }

  /** BEP 6: our answer to every request a peer makes. */
  public void reject(int index, int begin, int length) throws IOException {
    frame(Message.REJECT, ByteBuffer.allocate(12).putInt(index).putInt(begin).putInt(length).array());
  }

  /** BEP 10: {@code extendedId} 0 for the handshake, else the id the peer declared. */
  public void extended(int extendedId, byte[] payload) throws IOException {
    byte[] body = new byte[payload.length + 1];
    body[0] = (byte) extendedId;
    System.arraycopy(payload, 0, body, 1, payload.length);
    frame(Message.EXTENDED, body);
  }

  public void flush() throws IOException {
    out.flush();
  }

  /** Every byte written, handshake included. */
  public long bytesSent() {
    return bytesSent;
  }

  /** Bytes of piece data sent: always 0, there is no way to send any. */
  public long payloadBytesSent() {
    return payloadBytesSent;
  }

  private void frame(int id, byte[] body) throws IOException {
    if (id == Message.PIECE) {
      // unreachable from the methods above; kept so a future edit cannot silently upload
      payloadBytesSent += Math.max(0, body.length - 8);
      throw new IllegalStateException("a sensor never sends piece data");
    }
    byte[] framed = ByteBuffer.allocate(5 + body.length).putInt(1 + body.length).put((byte) id).put(body).array();
    write(framed);
  }

  private void write(byte[] bytes) throws IOException {
    out.write(bytes);
    bytesSent += bytes.length;
  }
}
