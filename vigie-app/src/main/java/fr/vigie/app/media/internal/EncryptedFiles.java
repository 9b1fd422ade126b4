package fr.vigie.app.media.internal;

import fr.vigie.app.media.MediaContentException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.regex.Pattern;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * A content-addressed folder of AES-256-GCM encrypted files: {@code ROOT/ab/cd/<sha256>}, where
 * the name is the SHA-256 of the clear content.
 *
 * <p>Format (version 1): {@code "VGM1"}, an 8-byte key id (so that a wrong key is told apart from
 * tampering), an 8-byte random nonce prefix drawn per file, then the content in chunks of 1 MiB,
 * each encrypted on its own with nonce = prefix || chunk index and a 16-byte tag. Each chunk's
 * additional data binds the format, the file's name (its SHA-256), the chunk's index and whether
 * it is the last: chunks cannot be swapped between files, reordered, dropped or cut off without
 * the tag check failing. Chunking keeps memory flat for large videos; GCM alone would buffer a
 * whole file to check its tag.
 *
 * <p>Writes go to {@code ROOT/.tmp} and are renamed into place atomically, so a crash leaves no
 * half-written file under a content name; writing the same content twice keeps the first file.
 * Reads check every tag and then the SHA-256 of the whole clear content against the name.
 * Thread-safe: every operation builds its own cipher.
 */
public final class EncryptedFiles {

  static final int CHUNK = 1 << 20;
  private static final int TAG_BYTES = 16;
  private static final byte[] MAGIC = "VGM1".getBytes(StandardCharsets.US_ASCII);
  private static final int HEADER = MAGIC.length + 8 + 8;
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Path root;
  private final SecretKey key;
  private final byte[] keyId;

  public EncryptedFiles(Path root, SecretKey key) {
    this.root = root.toAbsolutePath().normalize();
    this.key = key;
    this.keyId = keyId(key);
  }

  /** Returns the folder the files live in. */
  public Path root() {
    return root;
  }

  /** Returns where the content named {@code sha256} is (or would be) stored. */
  public Path pathOf(String sha256) {
    requireName(sha256);
    return root.resolve(sha256.substring(0, 2)).resolve(sha256.substring(2, 4)).resolve(sha256);
  }

  public boolean contains(String sha256) {
    return Files.isRegularFile(pathOf(sha256));
  }

  /**
   * Stores the file's content under {@code sha256} unless it is there already; returns whether it
   * wrote a new file.
   *
   * @throws MediaContentException if the content read does not have that SHA-256 (the file changed
   *     since it was hashed)
   */
  public boolean put(Path source, String sha256) throws IOException {
    try (InputStream in = Files.newInputStream(source)) {
      return put(in, sha256);
    }
  }

  /** Stores the bytes under their SHA-256; returns whether it wrote a new file. */
  public boolean put(byte[] content) throws IOException {
    return put(new java.io.ByteArrayInputStream(content), sha256Hex(content));
  }

  private boolean put(InputStream in, String sha256) throws IOException {
    Path target = pathOf(sha256);
    if (Files.isRegularFile(target)) {
      return false; // content-addressed: same name, same content
    }
    Path tmpDir = root.resolve(".tmp");
    Files.createDirectories(tmpDir);
    Files.createDirectories(target.getParent());
    Path tmp = Files.createTempFile(tmpDir, sha256.substring(0, 8), ".part");
    try {
      try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE,
          StandardOpenOption.TRUNCATE_EXISTING)) {
        encrypt(in, sha256, out);
        out.force(true);
      }
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (FileAlreadyExistsException raced) {
        return false; // another process stored the same content meanwhile
      } catch (AtomicMoveNotSupportedException e) {
        throw new IOException("the media store needs a file system with atomic renames: " + root,
            e);
      }
      if (!sha256.equals(target.getFileName().toString()) || !Files.isRegularFile(target)) {
        throw new IOException("could not store " + sha256);
      }
      return true;
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private void encrypt(InputStream in, String sha256, FileChannel out) throws IOException {
    byte[] prefix = new byte[8];
    RANDOM.nextBytes(prefix);
    ByteBuffer header = ByteBuffer.allocate(HEADER).put(MAGIC).put(keyId).put(prefix).flip();
    writeFully(out, header);
    MessageDigest digest = sha256Digest();
    byte[] current = in.readNBytes(CHUNK);
    int index = 0;
    while (true) {
      byte[] next = current.length == CHUNK ? in.readNBytes(CHUNK) : new byte[0];
      boolean last = next.length == 0;
      digest.update(current);
      writeFully(out, ByteBuffer.wrap(crypt(Cipher.ENCRYPT_MODE, prefix, sha256, index, last,
          current)));
      if (last) {
        break;
      }
      current = next;
      index++;
    }
    String actual = HexFormat.of().formatHex(digest.digest());
    if (!actual.equals(sha256)) {
      throw new MediaContentException("the content changed while it was stored: expected SHA-256 "
          + sha256 + ", read " + actual);
    }
  }

  /**
   * Returns the clear content named {@code sha256}, checked against every tag and the name.
   *
   * @throws MediaContentException if it is missing, too large, altered, truncated, or encrypted
   *     under another key
   */
  public byte[] read(String sha256, long maxBytes) {
    Path file = pathOf(sha256);
    try {
      if (!Files.isRegularFile(file)) {
        throw new MediaContentException("no stored content " + sha256);
      }
      long size = Files.size(file);
      long body = Math.max(0, size - HEADER);
      long chunks = Math.max(1, (body + CHUNK + TAG_BYTES - 1) / (CHUNK + TAG_BYTES));
      if (body - chunks * TAG_BYTES > maxBytes) {
        throw new MediaContentException("stored content " + sha256 + " is larger than "
            + maxBytes + " bytes");
      }
      ByteArrayOutputStream clear = new ByteArrayOutputStream((int) Math.max(0, size - HEADER));
      try (InputStream in = Files.newInputStream(file)) {
        decrypt(in, sha256, clear);
      }
      return clear.toByteArray();
    } catch (IOException e) {
      throw new MediaContentException("cannot read stored content " + sha256 + ": " + e, e);
    }
  }

  private void decrypt(InputStream in, String sha256, OutputStream out) throws IOException {
    byte[] header = in.readNBytes(HEADER);
    if (header.length < HEADER || !Arrays.equals(header, 0, 4, MAGIC, 0, 4)) {
      throw new MediaContentException("stored content " + sha256 + " is not a Vigie media file");
    }
    if (!Arrays.equals(header, 4, 12, keyId, 0, 8)) {
      throw new MediaContentException("stored content " + sha256
          + " was encrypted under another key (see docs/media.md, key management)");
    }
    byte[] prefix = Arrays.copyOfRange(header, 12, 20);
    MessageDigest digest = sha256Digest();
    byte[] current = in.readNBytes(CHUNK + TAG_BYTES);
    int index = 0;
    while (true) {
      byte[] next = current.length == CHUNK + TAG_BYTES ? in.readNBytes(CHUNK + TAG_BYTES)
          : new byte[0];
      boolean last = next.length == 0;
      byte[] plain = crypt(Cipher.DECRYPT_MODE, prefix, sha256, index, last, current);
      digest.update(plain);
      out.write(plain);
      if (last) {
        break;
      }
      current = next;
      index++;
    }
    String actual = HexFormat.of().formatHex(digest.digest());
    if (!actual.equals(sha256)) {
      throw new MediaContentException("stored content " + sha256 + " was altered: its SHA-256 is "
          + actual);
    }
  }

  private byte[] crypt(int mode, byte[] prefix, String sha256, int index, boolean last,
      byte[] input) {
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      byte[] nonce = ByteBuffer.allocate(12).put(prefix).putInt(index).array();
      cipher.init(mode, key, new GCMParameterSpec(TAG_BYTES * 8, nonce));
      cipher.updateAAD(ByteBuffer.allocate(4 + 64 + 4 + 1).put(MAGIC)
          .put(sha256.getBytes(StandardCharsets.US_ASCII)).putInt(index)
          .put((byte) (last ? 1 : 0)).array());
      return cipher.doFinal(input);
    } catch (AEADBadTagException e) {
      throw new MediaContentException("stored content " + sha256 + " was altered or cut short "
          + "(chunk " + index + " fails its authentication tag)", e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM unavailable", e);
    }
  }

  private static void writeFully(FileChannel out, ByteBuffer data) throws IOException {
    while (data.hasRemaining()) {
      out.write(data);
    }
  }

  private static void requireName(String sha256) {
    if (sha256 == null || !SHA256.matcher(sha256).matches()) {
      throw new IllegalArgumentException("not a lower-case SHA-256: " + sha256);
    }
  }

  /** A short, public fingerprint of the key: tells which key a file needs, reveals nothing. */
  static byte[] keyId(SecretKey key) {
    MessageDigest d = sha256Digest();
    d.update("vigie-media-key-id".getBytes(StandardCharsets.US_ASCII));
    d.update(key.getEncoded());
    return Arrays.copyOf(d.digest(), 8);
  }

  static String sha256Hex(byte[] content) {
    return HexFormat.of().formatHex(sha256Digest().digest(content));
  }

  private static MessageDigest sha256Digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK provides SHA-256", e);
    }
  }
}
