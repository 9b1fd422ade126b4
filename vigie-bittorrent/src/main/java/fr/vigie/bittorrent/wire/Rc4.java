package fr.vigie.bittorrent.wire;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * RC4 as MSE uses it (the keystream's first 1024 bytes discarded). Written out here rather than
 * taken from the JDK's providers, where ARCFOUR may be disabled by policy. RC4 is weak; MSE uses it
 * for obfuscation, not secrecy, and so do we: only to reach peers that refuse plaintext. Not
 * thread-safe.
 */
public final class Rc4 {

  private final int[] s = new int[256];
  private int i;
  private int j;

  public Rc4(byte[] key) {
    for (int k = 0; k < 256; k++) {
      s[k] = k;
    }
    for (int k = 0, m = 0; k < 256; k++) {
      m = (m + s[k] + (key[k % key.length] & 0xff)) & 0xff;
      int t = s[k];
      s[k] = s[m];
      s[m] = t;
    }
    process(new byte[1024], 0, 1024);
  }

  /** Encrypts or decrypts in place. */
  public void process(byte[] b, int off, int len) {
    for (int k = off; k < off + len; k++) {
      i = (i + 1) & 0xff;
      j = (j + s[i]) & 0xff;
      int t = s[i];
      s[i] = s[j];
      s[j] = t;
      b[k] ^= (byte) s[(s[i] + s[j]) & 0xff];
    }
  }

  /** Decrypts what is read, as it is read: a read that times out consumes no keystream. */
  static InputStream decrypting(InputStream in, Rc4 rc4) {
    return new FilterInputStream(in) {
      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0) {
          rc4.process(b, off, n);
        }
        return n;
      }

      @Override
      public long skip(long n) {
        throw new UnsupportedOperationException("an encrypted stream cannot skip");
      }
    };
  }

  static OutputStream encrypting(OutputStream out, Rc4 rc4) {
    return new FilterOutputStream(out) {
      @Override
      public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        byte[] copy = java.util.Arrays.copyOfRange(b, off, off + len);
        rc4.process(copy, 0, len);
        out.write(copy);
      }
    };
  }
}
