package fr.vigie.bittorrent.fakes;

import fr.vigie.bittorrent.wire.Rc4;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * The receiving side of MSE, for fake peers only (the sensor never accepts connections). Written
 * from the MSE description, apart from the module's initiator, so that each checks the other;
 * always selects RC4 and sends a random PadB so that the initiator must synchronise.
 */
final class FakeMse {

  private static final BigInteger P = new BigInteger(
      "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DDEF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A63A36210000000000090563",
      16);
  private static final SecureRandom RANDOM = new SecureRandom();

  record Accepted(InputStream in, OutputStream out) {}

  static Accepted accept(InputStream in, OutputStream out, byte[] infoHash) throws IOException {
    byte[] ya = in.readNBytes(96);
    if (ya.length != 96) {
      throw new EOFException();
    }
    BigInteger x = new BigInteger(160, RANDOM);
    byte[] yb = fixed(BigInteger.TWO.modPow(x, P));
    byte[] padB = new byte[RANDOM.nextInt(513)];
    RANDOM.nextBytes(padB);
    out.write(yb);
    out.write(padB);
    out.flush();
    byte[] s = fixed(new BigInteger(1, ya).modPow(x, P));
    // PadA hides where step 3 starts: find HASH('req1', S)
    byte[] req1 = sha1("req1".getBytes(StandardCharsets.US_ASCII), s);
    byte[] window = new byte[20];
    for (int seen = 0; ; seen++) {
      int c = in.read();
      if (c < 0 || seen > 512 + 20) {
        throw new EOFException("no req1");
      }
      System.arraycopy(window, 1, window, 0, 19);
      window[19] = (byte) c;
      if (seen >= 19 && Arrays.equals(window, req1)) {
        break;
      }
    }
    byte[] skeyHash = in.readNBytes(20);
    byte[] expected = xor(sha1("req2".getBytes(StandardCharsets.US_ASCII), infoHash), sha1("req3".getBytes(StandardCharsets.US_ASCII), s));
    if (!Arrays.equals(skeyHash, expected)) {
      throw new IOException("MSE for another torrent");
    }
    Rc4 a = new Rc4(sha1("keyA".getBytes(StandardCharsets.US_ASCII), s, infoHash));
    Rc4 b = new Rc4(sha1("keyB".getBytes(StandardCharsets.US_ASCII), s, infoHash));
    byte[] head = in.readNBytes(14);
    a.process(head, 0, 14);
    ByteBuffer h = ByteBuffer.wrap(head);
    if (h.getLong() != 0) {
      throw new IOException("bad VC");
    }
    int provide = h.getInt();
    if ((provide & 2) == 0) {
      throw new IOException("RC4 not offered");
    }
    byte[] padC = in.readNBytes(h.getShort() & 0xffff);
    a.process(padC, 0, padC.length);
    byte[] lenIa = in.readNBytes(2);
    a.process(lenIa, 0, 2);
    byte[] ia = in.readNBytes(((lenIa[0] & 0xff) << 8) | (lenIa[1] & 0xff));
    a.process(ia, 0, ia.length);
    byte[] answer = ByteBuffer.allocate(14).putLong(0).putInt(2).putShort((short) 0).array();
    b.process(answer, 0, answer.length);
    out.write(answer);
    out.flush();
    InputStream decrypted = new FilterInputStream(in) {
      @Override
      public int read() throws IOException {
        int c = in.read();
        if (c < 0) {
          return c;
        }
        byte[] one = {(byte) c};
        a.process(one, 0, 1);
        return one[0] & 0xff;
      }

      @Override
      public int read(byte[] buf, int off, int len) throws IOException {
        int n = in.read(buf, off, len);
        if (n > 0) {
          a.process(buf, off, n);
        }
        return n;
      }
    };
    OutputStream encrypted = new FilterOutputStream(out) {
      @Override
      public void write(byte[] buf, int off, int len) throws IOException {
        byte[] copy = Arrays.copyOfRange(buf, off, off + len);
        b.process(copy, 0, len);
        out.write(copy);
      }

      @Override
      public void write(int c) throws IOException {
        write(new byte[] {(byte) c}, 0, 1);
      }
    };
    return new Accepted(new SequenceInputStream(new ByteArrayInputStream(ia), decrypted), encrypted);
  }

  private static byte[] fixed(BigInteger v) {
    byte[] raw = v.toByteArray();
    byte[] out = new byte[96];
    int n = Math.min(96, raw.length);
    System.arraycopy(raw, raw.length - n, out, 96 - n, n);
    return out;
  }

  private static byte[] sha1(byte[]... parts) {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-1");
      for (byte[] p : parts) {
        d.update(p);
      }
      return d.digest();
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] xor(byte[] x, byte[] y) {
    byte[] out = new byte[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = (byte) (x[i] ^ y[i]);
    }
    return out;
  }
}
