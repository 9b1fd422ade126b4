package fr.vigie.app.p2p.internal;

import fr.vigie.app.audit.AuditLog;
import fr.vigie.app.p2p.ObservationIntake;
import fr.vigie.app.p2p.P2pSettings;
import fr.vigie.app.p2p.StoredObservation;
import fr.vigie.app.p2p.SwarmFunnel;
import fr.vigie.app.p2p.TorrentMatches;
import fr.vigie.app.p2p.WatchEntry;
import fr.vigie.app.p2p.Watchlist;
import fr.vigie.app.security.Access;
import fr.vigie.app.security.Callers;
import fr.vigie.app.security.Permission;
import fr.vigie.app.security.RequiresPermission;
import fr.vigie.app.web.Section;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;

/**
 * The sensor's pages: the watchlist with each entry's provenance and figures, one entry's swarm
 * by day with its observations, and one observation with its pieces and its signature checked
 * again. Reads of an entry and of an observation are on the audit record.
 */
@Controller
@RequiresPermission(Permission.P2P_READ)
class P2pController {

  /** Observations listed on an entry's page, latest first. */
  static final int SHOWN = 200;

  private final Watchlist watchlist;
  private final ObservationIntake observations;
  private final SwarmFunnel funnel;
  private final TorrentMatches matches;
  private final AuditLog audit;
  private final P2pSettings settings;

  P2pController(Watchlist watchlist, ObservationIntake observations, SwarmFunnel funnel,
      TorrentMatches matches, AuditLog audit, P2pSettings settings) {
    this.settings = settings;
    this.watchlist = watchlist;
    this.observations = observations;
    this.funnel = funnel;
    this.matches = matches;
    this.audit = audit;
  }

  @GetMapping("/p2p")
  String list(Model model) {
    SwarmFunnel.Overview overview = funnel.overview();
    model.addAttribute("entries", overview.entries());
    model.addAttribute("national", overview.national());
    model.addAttribute("byDepartement", overview.identifiedByDepartement());
    model.addAttribute("section", Section.P2P.id());
    return "p2p";
  }

  @GetMapping("/p2p/veille/{id}")
  String entry(@PathVariable("id") long id, HttpServletRequest request, Model model) {
    Access access = Callers.access(request.getRemoteAddr());
    WatchEntry entry = watchlist.entry(id).orElseThrow(() -> {
      audit.recordRefusedRead(access, "p2p_watch_entry", id, false, null);
      return new ResponseStatusException(HttpStatus.NOT_FOUND);
    });
    audit.recordRead(access, "p2p_watch_entry", id, null);
    model.addAttribute("entry", entry);
    model.addAttribute("days", watchlist.byDay(id));
    model.addAttribute("knownFiles", matches.of(id));
    SwarmFunnel.Overview overview = funnel.ofEntry(id);
    model.addAttribute("funnel", overview.national());
    model.addAttribute("byDepartement", overview.identifiedByDepartement());
    List<StoredObservation> list = observations.ofEntry(id, SHOWN + 1);
    model.addAttribute("observations", list.stream().limit(SHOWN).toList());
    model.addAttribute("more", list.size() > SHOWN);
    model.addAttribute("section", Section.P2P.id());
    return "p2p-entry";
  }

  @GetMapping("/p2p/observations/{id}")
  String observation(@PathVariable("id") long id, HttpServletRequest request, Model model) {
    Access access = Callers.access(request.getRemoteAddr());
    StoredObservation o = observations.observation(id).orElseThrow(() -> {
      audit.recordRefusedRead(access, "p2p_observation", id, false, null);
      return new ResponseStatusException(HttpStatus.NOT_FOUND);
    });
    audit.recordRead(access, "p2p_observation", id, null);
    model.addAttribute("o", o);
    model.addAttribute("entry", watchlist.entry(o.watchEntryId()).orElseThrow());
    model.addAttribute("signatureOk", observations.signatureChecksNow(o));
    model.addAttribute("kept", observations.keptPieces(id));
    model.addAttribute("fromServer", o.sensor().equals(settings.sensorName()));
    model.addAttribute("section", Section.P2P.id());
    return "p2p-observation";
  }
}
