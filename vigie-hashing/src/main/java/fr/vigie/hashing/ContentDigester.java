package fr.vigie.hashing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Computes MD5, SHA-1 and SHA-256 in a single pass over a file or stream.
 *
 * <p>Reading once and feeding the three digests from the same buffer halves the I/O of three
 * separate passes; the JDK's digest intrinsics do the arithmetic. An instance holds a buffer and
 * three digest states, so it is not thread-safe: use one per thread.
 */
public final class ContentDigester {

  /** Large enough to amortise system calls, small enough to stay in L2 on a laptop. */
  static final int BUFFER_SIZE = 1 << 20;

  private final MessageDigest md5 = newDigest("MD5");
  private final MessageDigest sha1 = newDigest("SHA-1");
  private final MessageDigest sha256 = newDigest("SHA-256");
  private final ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER_SIZE);
  private final byte[] heapBuffer = new byte[64 * 1024];

  /** Returns the hashes of the whole file; the file is read once, sequentially. */
  public ContentHashes digest(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = 0;
      buffer.clear();
      while (channel.read(buffer) >= 0) {
        buffer.flip();
        size += buffer.remaining();
        update(buffer);
        buffer.clear();
      }
      return finish(size);
    }
  }

  /** Returns the hashes of everything left in the stream; the stream is not closed. */
  public ContentHashes digest(InputStream in) throws IOException {
    long size = 0;
    int n;
    while ((n = in.read(heapBuffer)) >= 0) {
      md5.update(heapBuffer, 0, n);
      sha1.update(heapBuffer, 0, n);
      sha256.update(heapBuffer, 0, n);
      size += n;
    }
    return finish(size);
  }

  /** Returns the hashes of the given bytes. */
  public ContentHashes digest(byte[] content) {
    md5.update(content);
    sha1.update(content);
    sha256.update(content);
    return finish(content.length);
  }

  private void update(ByteBuffer data) {
    // Each digest consumes the buffer's remaining bytes, so rewind to the same position between.
    int start = data.position();
    md5.update(data);
    data.position(start);
    sha1.update(data);
    data.position(start);
    sha256.update(data);
  }

  private ContentHashes finish(long size) {
    return ContentHashes.of(size, md5.digest(), sha1.digest(), sha256.digest());
  }

  private static MessageDigest newDigest(String algorithm) {
    try {
      return MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK provides " + algorithm, e);
    }
  }
}
