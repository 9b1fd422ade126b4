package fr.vigie.app.cli;

import fr.vigie.app.security.UserSummary;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The accounts as a plain-text table, times in Paris time; never a secret. */
final class UserTable {

  static final ZoneId PARIS = ZoneId.of("Europe/Paris");

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(PARIS);

  private static final List<String> HEADER = List.of("USERNAME", "NAME", "ROLE", "UNIT",
      "ENABLED", "TOTP", "LOCKED UNTIL", "LAST SIGN-IN (PARIS)");

  private UserTable() {}

  /** Returns the table's lines, header first; a lock that has expired by {@code now} shows "-". */
  static List<String> lines(List<UserSummary> users, Instant now) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(HEADER);
    for (UserSummary u : users) {
      rows.add(List.of(u.username(), orDash(u.displayName()), u.role().name(),
          orDash(u.unitCode()), u.enabled() ? "yes" : "no", u.totpEnrolled() ? "enrolled" : "no",
          u.lockedUntil() != null && u.lockedUntil().isAfter(now) ? TIME.format(u.lockedUntil())
              : "-",
          u.lastLoginAt() == null ? "never" : TIME.format(u.lastLoginAt())));
    }
    int[] widths = new int[HEADER.size()];
    for (List<String> row : rows) {
      for (int i = 0; i < widths.length; i++) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    List<String> lines = new ArrayList<>();
    for (List<String> row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < widths.length; i++) {
        line.append(row.get(i));
        if (i < widths.length - 1) {
          line.append(" ".repeat(widths[i] - row.get(i).length() + 2));
        }
      }
      lines.add(line.toString());
    }
    return lines;
  }

  private static String orDash(String value) {
    return value == null || value.isBlank() ? "-" : value;
  }
}
