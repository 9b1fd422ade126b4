package fr.vigie.bittorrent.wire;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;

/**
 * Reads length-prefixed messages. A read that times out ({@link SocketTimeoutException}) keeps
 * what it had read, and the next call goes on from there: a stage's deadline may pass while a peer
 * is half-way through a message without losing the stream. Not thread-safe: one reader thread.
 */
public final class MessageReader {

  private final InputStream in;
  private final int maxLength;
  private final byte[] header = new byte[4];
  private int headerFill;
  private byte[] body;
  private int bodyFill;
  private long bytesRead;

  /** {@code maxLength}: the longest message accepted (a bitfield of a big torrent, a 16 KiB block). */
  public MessageReader(InputStream in, int maxLength) {
    this.in = in;
    this.maxLength = maxLength;
  }

  /** Reads exactly {@code n} bytes of handshake; not resumable (handshakes are read once, first). */
  public byte[] readRaw(int n) throws IOException {
    byte[] out = in.readNBytes(n);
    if (out.length != n) {
      throw new EOFException("stream ended after " + out.length + " of " + n + " bytes");
    }
    bytesRead += n;
    return out;
  }

  public Message read() throws IOException {
    while (headerFill < 4) {
      int r = in.read(header, headerFill, 4 - headerFill);
      if (r < 0) {
        throw new EOFException("stream ended");
      }
      headerFill += r;
      bytesRead += r;
    }
    if (body == null) {
      int length = ByteBuffer.wrap(header).getInt();
      if (length < 0 || length > maxLength) {
        throw new WireException("message of " + (length & 0xffffffffL) + " bytes (at most " + maxLength + ")");
      }
      body = new byte[length];
      bodyFill = 0;
    }
    while (bodyFill < body.length) {
      int r = in.read(body, bodyFill, body.length - bodyFill);
      if (r < 0) {
        throw new EOFException("stream ended inside a message");
      }
      bodyFill += r;
      bytesRead += r;
    }
    byte[] message = body;
    body = null;
    headerFill = 0;
    return decode(message);
  }

  public long bytesRead() {
    return bytesRead;
  }

  static Message decode(byte[] m) {
    if (m.length == 0) {
      return new Message.KeepAlive();
    }
    ByteBuffer b = ByteBuffer.wrap(m, 1, m.length - 1);
    int id = m[0] & 0xff;
    int expected = switch (id) {
      case Message.CHOKE, Message.UNCHOKE, Message.INTERESTED, Message.NOT_INTERESTED, Message.HAVE_ALL, Message.HAVE_NONE -> 1;
      case Message.HAVE, Message.SUGGEST, Message.ALLOWED_FAST -> 5;
      case Message.REQUEST, Message.CANCEL, Message.REJECT -> 13;
      case Message.PORT -> 3;
      default -> -1;
    };
    if (expected >= 0 && m.length != expected) {
      // checked before reading the fields: a short message must not read past its end
      throw new WireException("message " + id + " of " + m.length + " bytes, expected " + expected);
    }
    return switch (id) {
      case Message.CHOKE -> new Message.Choke();
      case Message.UNCHOKE -> new Message.Unchoke();
      case Message.INTERESTED -> new Message.Interested();
      case Message.NOT_INTERESTED -> new Message.NotInterested();
      case Message.HAVE -> new Message.Have(b.getInt());
      case Message.BITFIELD -> new Message.Bitfield(java.util.Arrays.copyOfRange(m, 1, m.length));
      case Message.REQUEST -> new Message.Request(b.getInt(), b.getInt(), b.getInt());
      case Message.PIECE -> {
        if (m.length < 9) {
          throw new WireException("piece message of " + m.length + " bytes");
        }
        yield new Message.Piece(b.getInt(), b.getInt(), java.util.Arrays.copyOfRange(m, 9, m.length));
      }
      case Message.CANCEL -> new Message.Cancel(b.getInt(), b.getInt(), b.getInt());
      case Message.PORT -> new Message.Port(b.getShort() & 0xffff);
      case Message.SUGGEST -> new Message.Suggest(b.getInt());
      case Message.HAVE_ALL -> new Message.HaveAll();
      case Message.HAVE_NONE -> new Message.HaveNone();
      case Message.REJECT -> new Message.Reject(b.getInt(), b.getInt(), b.getInt());
      case Message.ALLOWED_FAST -> new Message.AllowedFast(b.getInt());
      case Message.EXTENDED -> {
        if (m.length < 2) {
          throw new WireException("extended message without an id");
        }
        yield new Message.Extended(m[1] & 0xff, java.util.Arrays.copyOfRange(m, 2, m.length));
      }
      default -> new Message.Unknown(id, m.length);
    };
  }
}
