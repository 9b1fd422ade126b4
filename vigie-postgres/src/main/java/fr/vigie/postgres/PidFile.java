package fr.vigie.postgres;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What a running server wrote in its data folder's {@code postmaster.pid}: its process id, the
 * port it listens on and its state (PostgreSQL's own lock file, one value per line: pid, data
 * folder, start time, port, socket folder, listen address, shared memory key, status).
 *
 * @param pid the postmaster's process id
 * @param port the TCP port, or 0 when the file was read before the server wrote it
 * @param status {@code starting}, {@code ready}, {@code stopping}, or empty when not written yet
 */
record PidFile(long pid, int port, String status) {

  static final String NAME = "postmaster.pid";

  /** Returns the file's content, or empty when there is no file or it is still being written. */
  static Optional<PidFile> read(Path dataDirectory) throws IOException {
    List<String> lines;
    try {
      lines = Files.readAllLines(dataDirectory.resolve(NAME), StandardCharsets.US_ASCII);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    if (lines.isEmpty()) {
      return Optional.empty();
    }
    try {
      long pid = Long.parseLong(lines.get(0).strip());
      int port = lines.size() > 3 && !lines.get(3).isBlank() ? Integer.parseInt(lines.get(3).strip())
          : 0;
      String status = lines.size() > 7 ? lines.get(7).strip() : "";
      return Optional.of(new PidFile(pid, port, status));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  boolean ready() {
    return "ready".equals(status) && port > 0;
  }
}
