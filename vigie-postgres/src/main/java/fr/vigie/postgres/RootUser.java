package fr.vigie.postgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * PostgreSQL's programs refuse to run as root. As root on Linux they run in a user namespace of
 * their own ({@code unshare -U}, util-linux), where the same process has an ordinary user id;
 * the files it writes still belong to root outside, and only root can read them.
 */
final class RootUser {

  private static volatile Boolean root;
  private static volatile Boolean unshareWorks;

  private RootUser() {}

  static boolean isRoot() {
    Boolean known = root;
    if (known == null) {
      known = detectRoot();
      root = known;
    }
    return known;
  }

  /** The words to put in front of a PostgreSQL program run as root. */
  static List<String> namespacePrefix() throws IOException {
    Boolean works = unshareWorks;
    if (works == null) {
      works = tryUnshare();
      unshareWorks = works;
    }
    if (!works) {
      throw new EmbeddedPostgresException("PostgreSQL does not run as root, and 'unshare -U' "
          + "(util-linux) is not available here to give it an ordinary user id: run Vigie as an "
          + "ordinary user, or set VIGIE_DB_URL to a PostgreSQL server");
    }
    return List.of("unshare", "-U");
  }

  private static boolean detectRoot() {
    if (PostgresBinaries.windows()) {
      return false;
    }
    try {
      Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
      return ((Integer) uid) == 0;
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return "root".equals(System.getProperty("user.name"));
    }
  }

  private static boolean tryUnshare() {
    try {
      Process p = new ProcessBuilder("unshare", "-U", "true").redirectErrorStream(true).start();
      p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
      return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
