package fr.vigie.app.p2p.internal;

import fr.vigie.app.audit.AuditActor;
import fr.vigie.app.audit.AuditLog;
import fr.vigie.app.p2p.IntakeResult;
import fr.vigie.app.p2p.ObservationIntake;
import fr.vigie.app.p2p.WatchEntry;
import fr.vigie.app.p2p.Watchlist;
import fr.vigie.app.security.Access;
import fr.vigie.app.security.Callers;
import fr.vigie.app.security.Permission;
import fr.vigie.app.security.RequiresPermission;
import jakarta.servlet.http.HttpServletRequest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The sensor's API (role SENSOR, bearer token): the active watchlist to probe, and the signed
 * observations pushed back as JSON Lines, each line answered accepted or refused with its reason.
 */
@RestController
class P2pApiController {

  /** Lines taken in one request; a sensor sends its spool in several. */
  static final int MAX_LINES = 10_000;

  /** Bytes taken in one request: 10,000 lines of some 2 KB, with room. */
  static final long MAX_BYTES = 64L * 1024 * 1024;

  private final Watchlist watchlist;
  private final ObservationIntake intake;
  private final AuditLog audit;

  P2pApiController(Watchlist watchlist, ObservationIntake intake, AuditLog audit) {
    this.watchlist = watchlist;
    this.intake = intake;
    this.audit = audit;
  }

  @GetMapping("/api/p2p/watchlist")
  @RequiresPermission(Permission.P2P_SUBMIT)
  Map<String, Object> watchlist(HttpServletRequest request) {
    Access access = Callers.access(request.getRemoteAddr());
    List<Map<String, Object>> entries = new ArrayList<>();
    for (WatchEntry e : watchlist.active()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", e.id());
      m.put("infohash", e.infohash());
      m.put("display_name", e.displayName().orElse(null));
      m.put("magnet", e.magnet().orElse(null));
      m.put("torrent", e.hasTorrent()
          ? watchlist.torrent(e.id()).map(b -> Base64.getEncoder().encodeToString(b)).orElse(null)
          : null);
      entries.add(m);
    }
    audit.recordRead(access, "p2p_watchlist", null, null);
    return Map.of("entries", entries);
  }

  @PostMapping("/api/p2p/observations")
  @RequiresPermission(Permission.P2P_SUBMIT)
  ResponseEntity<Map<String, Object>> observations(HttpServletRequest request)
      throws IOException {
    Access access = Callers.access(request.getRemoteAddr());
    if (request.getContentLengthLong() > MAX_BYTES) {
      return tooLarge("at most " + MAX_BYTES + " bytes a request");
    }
    // Read line by line under both bounds: the body is never held whole beyond them.
    List<String> lines = new ArrayList<>();
    long bytes = 0;
    try (BufferedReader in = new BufferedReader(new InputStreamReader(request.getInputStream(),
        StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        bytes += line.length() + 1;
        if (lines.size() == MAX_LINES || bytes > MAX_BYTES) {
          return tooLarge("at most " + MAX_LINES + " lines and " + MAX_BYTES
              + " bytes a request: send the rest in another");
        }
        lines.add(line);
      }
    }
    AuditActor actor = AuditActor.of(access);
    List<Map<String, Object>> answers = new ArrayList<>();
    int accepted = 0;
    int refused = 0;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).isBlank()) {
        continue;
      }
      Map<String, Object> a = new LinkedHashMap<>();
      a.put("line", i + 1);
      switch (intake.accept(lines.get(i).strip(), actor)) {
        case IntakeResult.Accepted ok -> {
          accepted++;
          a.put("status", "accepted");
          a.put("observation_id", ok.observationId());
          a.put("duplicate", ok.duplicate());
          a.put("ip_event_id", ok.ipEventId().orElse(null));
        }
        case IntakeResult.Refused no -> {
          refused++;
          a.put("status", "refused");
          a.put("why", no.why().name());
          a.put("reason", no.reason());
        }
      }
      answers.add(a);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("accepted", accepted);
    out.put("refused", refused);
    out.put("lines", answers);
    return ResponseEntity.ok(out);
  }

  private static ResponseEntity<Map<String, Object>> tooLarge(String why) {
    return ResponseEntity.status(413).body(Map.of("error", why));
  }
}
