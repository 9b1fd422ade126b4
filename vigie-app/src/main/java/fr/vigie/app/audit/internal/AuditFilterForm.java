package fr.vigie.app.audit.internal;

import fr.vigie.app.audit.AuditAction;
import java.time.DateTimeException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The viewer's filter fields as typed (query parameters), kept as text so that the form shows
 * back exactly what was entered, even when it does not parse.
 */
record AuditFilterForm(String user, String objectType, String objectId, String action,
    String from, String to) {

  /** The filter, or the message keys of the fields that do not parse. */
  record Parsed(AuditFilter filter, List<String> errors) {}

  Parsed parse() {
    List<String> errors = new ArrayList<>();
    AuditAction parsedAction = null;
    if (present(action)) {
      try {
        parsedAction = AuditAction.valueOf(action.strip());
      } catch (IllegalArgumentException e) {
        errors.add("audit.error.action");
      }
    }
    java.time.Instant start = null;
    java.time.Instant end = null;
    try {
      start = present(from) ? ParisTime.startOf(from) : null;
    } catch (DateTimeException e) {
      errors.add("audit.error.from");
    }
    try {
      end = present(to) ? ParisTime.endOf(to) : null;
    } catch (DateTimeException e) {
      errors.add("audit.error.to");
    }
    if (start != null && end != null && !start.isBefore(end)) {
      errors.add("audit.error.period");
    }
    AuditFilter filter = new AuditFilter(trimmed(user), trimmed(objectType), trimmed(objectId),
        parsedAction, start, end);
    return new Parsed(errors.isEmpty() ? filter : null, List.copyOf(errors));
  }

  /** Returns the path with these filters as query parameters, encoded, plus {@code before}. */
  String link(String path, Long before) {
    UriComponentsBuilder uri = UriComponentsBuilder.fromPath(path);
    param(uri, "user", user);
    param(uri, "objectType", objectType);
    param(uri, "objectId", objectId);
    param(uri, "action", action);
    param(uri, "from", from);
    param(uri, "to", to);
    if (before != null) {
      uri.queryParam("before", before);
    }
    return uri.encode().build().toUriString();
  }

  private static void param(UriComponentsBuilder uri, String name, String value) {
    if (present(value)) {
      uri.queryParam(name, value);
    }
  }

  private static boolean present(String value) {
    return value != null && !value.isBlank();
  }

  private static String trimmed(String value) {
    return present(value) ? value.strip() : null;
  }
}
