package fr.vigie.bittorrent.wire;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * Message stream encryption (MSE/PE, the Vuze and libtorrent "protocol encryption"), initiator
 * side only: a Diffie-Hellman exchange over the 768-bit MSE prime, then RC4 keyed by the shared
 * secret and the infohash. Used only to reach peers that refuse plaintext; the BitTorrent
 * handshake travels as the initial payload (IA). We never accept connections, so there is no
 * receiver side. Waits are bounded by the socket's timeout, set by the caller.
 */
public final class Mse {

  /** What the peer chose. */
  public enum Method { PLAINTEXT, RC4 }

  /** The streams to use after the exchange, the method chosen, and the bytes the exchange took. */
  public record Negotiated(InputStream in, OutputStream out, Method method, long bytesSent, long bytesReceived) {}

  static final BigInteger P = new BigInteger(
      "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DDEF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A63A36210000000000090563",
      16);
  static final BigInteger G = BigInteger.TWO;
  static final int PLAINTEXT = 0x01;
  static final int RC4 = 0x02;
  private static final int MAX_PAD = 512;
  private static final SecureRandom RANDOM = new SecureRandom();

  private Mse() {}

  /**
   * Runs the initiator's side on raw socket streams. {@code initialPayload} (our handshake) is
   * sent encrypted in step 3. We offer RC4 and plaintext; the peer chooses.
   *
   * @throws WireException when the peer does not speak MSE (no VC found) or chooses nothing we offered
   */
  public static Negotiated initiate(InputStream in, OutputStream out, byte[] infoHash, byte[] initialPayload) throws IOException {
    BigInteger x = new BigInteger(160, RANDOM);
    byte[] ya = unsigned96(G.modPow(x, P));
    byte[] padA = new byte[RANDOM.nextInt(MAX_PAD + 1)];
    RANDOM.nextBytes(padA);
    out.write(ya);
    out.write(padA);
    out.flush();

    byte[] yb = readFully(in, 96);
    byte[] s = unsigned96(new BigInteger(1, yb).modPow(x, P));
    Rc4 a = new Rc4(sha1("keyA".getBytes(StandardCharsets.US_ASCII), s, infoHash));
    Rc4 b = new Rc4(sha1("keyB".getBytes(StandardCharsets.US_ASCII), s, infoHash));

    ByteArrayOutputStream step3 = new ByteArrayOutputStream();
    step3.writeBytes(sha1("req1".getBytes(StandardCharsets.US_ASCII), s));
    step3.writeBytes(xor(sha1("req2".getBytes(StandardCharsets.US_ASCII), infoHash), sha1("req3".getBytes(StandardCharsets.US_ASCII), s)));
    byte[] encrypted = ByteBuffer.allocate(8 + 4 + 2 + 2 + initialPayload.length)
        .put(new byte[8]).putInt(RC4 | PLAINTEXT).putShort((short) 0).putShort((short) initialPayload.length).put(initialPayload).array();
    a.process(encrypted, 0, encrypted.length);
    step3.writeBytes(encrypted);
    out.write(step3.toByteArray());
    out.flush();

    // the peer's PadB (0-512 bytes) hides where its answer starts: find ENCRYPT(VC)
    byte[] vc = new byte[8];
    b.process(vc, 0, 8);
    byte[] window = new byte[8];
    int seen = 0;
    while (true) {
      int c = in.read();
      if (c < 0) {
        throw new EOFException("the peer closed during the MSE exchange");
      }
      System.arraycopy(window, 1, window, 0, 7);
      window[7] = (byte) c;
      seen++;
      if (seen >= 8 && Arrays.equals(window, vc)) {
        break;
      }
      if (seen > MAX_PAD + 8) {
        throw new WireException("no MSE verification constant in the peer's answer");
      }
    }
    byte[] select = readFully(in, 6);
    b.process(select, 0, 6);
    ByteBuffer sel = ByteBuffer.wrap(select);
    int method = sel.getInt();
    int padD = sel.getShort() & 0xffff;
    if (padD > MAX_PAD) {
      throw new WireException("MSE padding of " + padD + " bytes");
    }
    byte[] pad = readFully(in, padD);
    b.process(pad, 0, padD);
    long sent = ya.length + padA.length + step3.size();
    long received = 96 + seen + 6 + padD;
    if (method == RC4) {
      return new Negotiated(Rc4.decrypting(in, b), Rc4.encrypting(out, a), Method.RC4, sent, received);
    }
    if (method == PLAINTEXT) {
      return new Negotiated(in, out, Method.PLAINTEXT, sent, received);
    }
    throw new WireException("the peer chose MSE method " + method + ", which we did not offer");
  }

  static byte[] unsigned96(BigInteger v) {
    byte[] raw = v.toByteArray();
    byte[] out = new byte[96];
    int copy = Math.min(raw.length, 96);
    System.arraycopy(raw, raw.length - copy, out, 96 - copy, copy);
    return out;
  }

  static byte[] sha1(byte[]... parts) {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-1");
      for (byte[] p : parts) {
        d.update(p);
      }
      return d.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK always has SHA-1", e);
    }
  }

  static byte[] xor(byte[] x, byte[] y) {
    byte[] out = new byte[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = (byte) (x[i] ^ y[i]);
    }
    return out;
  }

  private static byte[] readFully(InputStream in, int n) throws IOException {
    byte[] b = in.readNBytes(n);
    if (b.length != n) {
      throw new EOFException("the peer closed during the MSE exchange");
    }
    return b;
  }
}
