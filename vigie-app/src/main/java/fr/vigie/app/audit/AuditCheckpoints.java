package fr.vigie.app.audit;

import fr.vigie.app.audit.internal.AuditSigningKey;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * The signed checkpoints of the audit chain, outside the database: one append-only file of JSON
 * lines per node ({@code checkpoints-<host>.jsonl}) in {@code VIGIE_AUDIT_CHECKPOINTS} (default
 * {@code $VIGIE_HOME/audit-checkpoints}), each line signed with the Ed25519 key of {@code
 * $VIGIE_HOME/keys/audit-signing.key} (docs/audit.md, "Checkpoints").
 *
 * <p>The database account can neither read the key nor rewrite these files: whoever rewrites or
 * cuts the log in the database cannot make the checkpoints agree. Lines are only ever appended,
 * whole, under a file lock (processes of one host share a file) and a lock of this JVM (a file
 * lock is held per process, not per thread); nodes on other hosts write files of their own, so
 * that a shared folder never sees two hosts append to one file.
 */
@Service
public class AuditCheckpoints {

  private static final Logger LOG = LoggerFactory.getLogger(AuditCheckpoints.class);
  /** The longest line read back; a checkpoint line is about 300 bytes. */
  static final int MAX_LINE = 4096;
  private static final Object WRITING = new Object();

  private final Path folder;
  private final Path keysDir;
  private final Clock clock;
  private final String node;
  private AuditSigningKey key;

  AuditCheckpoints(AuditSettings settings, @Value("${vigie.home}") String home, Clock clock) {
    this.folder = settings.checkpoints().isBlank()
        ? Path.of(home).resolve("audit-checkpoints").toAbsolutePath()
        : Path.of(settings.checkpoints()).toAbsolutePath();
    this.keysDir = Path.of(home).resolve("keys");
    this.clock = clock;
    this.node = hostName();
  }

  public Path folder() {
    return folder;
  }

  /** This node's file in the folder. */
  public Path file() {
    return folder.resolve("checkpoints-" + node.replaceAll("[^A-Za-z0-9._-]", "_") + ".jsonl");
  }

  /**
   * Signs a checkpoint of entry {@code position} (hash {@code sha256}) and appends it to this
   * node's file, creating the key and the folder at first use; returns it.
   */
  public Checkpoint write(long position, String sha256, String reason) throws IOException {
    AuditSigningKey signing = key();
    Instant at = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
    String text = Checkpoint.signedText(position, sha256, at, reason, node, signing.keyId());
    Checkpoint checkpoint = new Checkpoint(position, sha256, at, reason, node, signing.keyId(),
        signing.sign(text));
    byte[] line = (checkpoint.toJsonLine() + "\n").getBytes(StandardCharsets.UTF_8);
    synchronized (WRITING) {
      Files.createDirectories(folder);
      try (FileChannel out = FileChannel.open(file(), StandardOpenOption.CREATE,
               StandardOpenOption.WRITE, StandardOpenOption.APPEND);
           FileLock lock = out.lock()) {
        ByteBuffer buffer = ByteBuffer.wrap(line);
        while (buffer.hasRemaining()) {
          out.write(buffer);
        }
        out.force(false);
      }
    }
    return checkpoint;
  }

  /**
   * As {@link #write}, for the side that appends entries, once the entry is committed: a
   * checkpoint that cannot be written is logged, never thrown (the entry is on the record; the
   * next checkpoint comes at the next interval).
   */
  void writeQuietly(long position, String sha256, String reason) {
    try {
      write(position, sha256, reason);
    } catch (IOException | RuntimeException e) {
      LOG.error("audit checkpoint of entry {} ({}) not written to {}: {}", position, sha256,
          file(), e.toString());
    }
  }

  /** The signing key's public key (PEM), creating the key if there is none yet. */
  public String publicKeyPem() throws IOException {
    return key().publicKeyPem();
  }

  public String keyId() throws IOException {
    return key().keyId();
  }

  /** The public key of this data folder's signing key, if it has one (never creates it). */
  public List<byte[]> localPublicKeys() throws IOException {
    return AuditSigningKey.loadIfPresent(keysDir).map(k -> List.of(k.publicKey()))
        .orElse(List.of());
  }

  /**
   * The public key (PEM) of the signing key of the data folder {@code home}, creating the key if
   * there is none yet; for the command that prints it without starting the application.
   */
  public static String publicKeyPem(Path home) throws IOException {
    return AuditSigningKey.loadOrCreate(home.resolve("keys")).publicKeyPem();
  }

  /** The id of the key in a public key PEM text, as the lines name it. */
  public static String keyIdOf(byte[] publicKey) {
    return AuditSigningKey.keyId(publicKey);
  }

  /**
   * Reads an Ed25519 public key from a PEM file (as {@code vigie audit public-key} prints it).
   *
   * @throws IOException when it cannot be read or holds no Ed25519 public key
   */
  public static byte[] readPublicKey(Path pemFile) throws IOException {
    try {
      return AuditSigningKey.publicKeyFromPem(Files.readString(pemFile, StandardCharsets.US_ASCII),
          pemFile.toString());
    } catch (IllegalArgumentException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  private synchronized AuditSigningKey key() throws IOException {
    if (key == null) {
      key = AuditSigningKey.loadOrCreate(keysDir);
    }
    return key;
  }

  /**
   * Reads every {@code .jsonl} file of the folder and keeps the lines signed by one of {@code
   * trustedKeys} (32-byte Ed25519 public keys); every other line is a problem, with its file,
   * line number and reason, and the rest is still read.
   */
  public CheckpointReport read(List<byte[]> trustedKeys) throws IOException {
    Map<String, byte[]> keys = new HashMap<>();
    for (byte[] k : trustedKeys) {
      keys.put(AuditSigningKey.keyId(k), k);
    }
    List<CheckpointReport.Located> found = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    if (!Files.isDirectory(folder)) {
      warnings.add("no checkpoint folder " + folder);
      return new CheckpointReport(folder, 0, found, problems, warnings);
    }
    List<Path> files;
    try (Stream<Path> listed = Files.list(folder)) {
      files = listed.filter(p -> p.getFileName().toString().endsWith(".jsonl"))
          .filter(Files::isRegularFile).sorted().toList();
    }
    for (Path file : files) {
      String name = file.getFileName().toString();
      try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
        long number = 0;
        Line line;
        while ((line = Line.next(in)) != null) {
          number++;
          String where = name + ", line " + number;
          if (line.tooLong()) {
            problems.add(where + ": longer than " + MAX_LINE + " bytes, not a checkpoint");
            continue;
          }
          if (line.text().isBlank()) {
            continue;
          }
          Checkpoint checkpoint;
          try {
            checkpoint = Checkpoint.parse(line.text());
          } catch (IllegalArgumentException e) {
            (line.ended() ? problems : warnings).add(where + ": not a checkpoint: "
                + e.getMessage() + (line.ended() ? "" : " (the last line, cut short: written "
                + "when the process stopped?)"));
            continue;
          }
          byte[] publicKey = keys.get(checkpoint.keyId());
          if (publicKey == null) {
            problems.add(where + ": signed by " + checkpoint.keyId() + ", which is not a key "
                + "given (--public-key) nor this data folder's");
          } else if (!AuditSigningKey.verify(publicKey, checkpoint.signedText(),
              checkpoint.signature())) {
            problems.add(where + ": the signature does not verify (the line was changed after "
                + "it was signed)");
          } else {
            found.add(new CheckpointReport.Located(checkpoint, name, number));
          }
        }
      }
    }
    found.sort(Comparator.comparingLong(l -> l.checkpoint().position()));
    return new CheckpointReport(folder, files.size(), found, problems, warnings);
  }

  /** One line read with a bounded buffer: its text, whether it ended with a line feed. */
  private record Line(String text, boolean ended, boolean tooLong) {

    static Line next(InputStream in) throws IOException {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
      boolean tooLong = false;
      int b;
      while ((b = in.read()) >= 0 && b != '\n') {
        if (bytes.size() < MAX_LINE) {
          bytes.write(b);
        } else {
          tooLong = true;
        }
      }
      if (b < 0 && bytes.size() == 0 && !tooLong) {
        return null;
      }
      return new Line(bytes.toString(StandardCharsets.UTF_8), b == '\n', tooLong);
    }
  }

  private static String hostName() {
    String name = System.getenv("HOSTNAME");
    if (name == null || name.isBlank()) {
      try {
        name = InetAddress.getLocalHost().getHostName();
      } catch (IOException e) {
        name = "localhost";
      }
    }
    return name.strip();
  }
}
