package fr.vigie.app.media.internal;

import fr.vigie.app.audit.AuditAction;
import fr.vigie.app.audit.AuditEvent;
import fr.vigie.app.audit.AuditLog;
import fr.vigie.app.audit.AuditedReads;
import fr.vigie.app.intake.MediaItem;
import fr.vigie.app.intake.MediaRecords;
import fr.vigie.app.matching.MediaMatching;
import fr.vigie.app.media.MediaContentException;
import fr.vigie.app.media.MediaSettings;
import fr.vigie.app.media.MediaStore;
import fr.vigie.app.security.Access;
import fr.vigie.app.security.Callers;
import fr.vigie.app.security.Permission;
import fr.vigie.app.security.RequiresPermission;
import fr.vigie.hashing.ImageFiles;
import fr.vigie.hashing.UnreadableImageException;
import jakarta.servlet.http.HttpServletRequest;
import java.awt.image.BufferedImage;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * One media item: what is known about it, its matches, and a blurred greyscale thumbnail; the
 * picture in clear only after a reveal with a typed reason, on the audit record, through a
 * single-use link good for seconds, and hidden again by the page after {@code
 * vigie.media.reveal-for}.
 */
@Controller
class MediaController {

  private static final Logger log = LoggerFactory.getLogger(MediaController.class);
  static final int REASON_MAX_LENGTH = 500;
  /** What the audit entry of a thumbnail says was read of the media item. */
  static final String THUMBNAIL = "thumbnail (blurred, greyscale)";

  private final MediaRecords records;
  private final MediaMatching matching;
  private final MediaStore store;
  private final JdbcReveals reveals;
  private final AuditedReads reads;
  private final AuditLog audit;
  private final MediaSettings settings;
  private final Clock clock;

  MediaController(MediaRecords records, MediaMatching matching, MediaStore store,
      JdbcReveals reveals, AuditedReads reads, AuditLog audit, MediaSettings settings,
      Clock clock) {
    this.records = records;
    this.matching = matching;
    this.store = store;
    this.reveals = reveals;
    this.reads = reads;
    this.audit = audit;
    this.settings = settings;
    this.clock = clock;
  }

  @GetMapping("/media/{id}")
  @RequiresPermission(Permission.REPORTS_READ)
  String show(@PathVariable("id") long id, HttpServletRequest request, Model model) {
    MediaItem item = find(Callers.access(request.getRemoteAddr()), id);
    fill(model, item);
    return "media";
  }

  @PostMapping("/media/{id}/reveler")
  @RequiresPermission(Permission.MEDIA_REVEAL)
  String reveal(@PathVariable("id") long id,
      @RequestParam(name = "reason", required = false) String reason,
      HttpServletRequest request, Model model) {
    Access access = Callers.access(request.getRemoteAddr());
    MediaItem item = find(access, id);
    fill(model, item);
    String typed = reason == null ? "" : reason.strip();
    model.addAttribute("reason", typed);
    if (!viewable(item)) {
      model.addAttribute("revealError", "media.reveal.nothing");
      return "media";
    }
    if (typed.length() < settings.reasonMinLength() || typed.length() > REASON_MAX_LENGTH) {
      model.addAttribute("revealError", "media.reveal.reasonLength");
      return "media";
    }
    audit.record(new AuditEvent(access.caller().username(), access.caller().role().name(),
        AuditAction.REVEAL_MEDIA, "media", Long.toString(id), null, access.clientAddress(),
        "SUCCESS", "single-use link, shown for " + settings.revealFor().toSeconds() + " s",
        typed));
    String token = reveals.issue(id, access.caller().username(), clock.instant(),
        settings.revealTokenTtl());
    model.addAttribute("revealToken", token);
    return "media";
  }

  /**
   * The blurred, greyscale thumbnail. Each one served is a read on the record, like the page:
   * an image of a media item is looked at, blurred or not (media belong to no unit, so one
   * without a picture is NOT_FOUND, never DENIED).
   */
  @GetMapping("/media/{id}/vignette")
  @RequiresPermission(Permission.REPORTS_READ)
  ResponseEntity<byte[]> thumbnail(@PathVariable("id") long id, HttpServletRequest request) {
    MediaItem item = reads.find(Callers.access(request.getRemoteAddr()), "media", id,
            THUMBNAIL, i -> records.find(i).filter(MediaController::viewable),
            i -> Optional.empty(), m -> null)
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    return png(picture(item, Thumbnails::blurredPng));
  }

  @GetMapping("/media/revelation/{token}")
  @RequiresPermission(Permission.MEDIA_REVEAL)
  ResponseEntity<byte[]> revealed(@PathVariable("token") String token) {
    String username = Callers.current().orElseThrow().username();
    // Spent by this request whatever follows: a second GET, a reload, a copied link all fail.
    long mediaId = reveals.consume(token, username, clock.instant())
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    MediaItem item = records.find(mediaId).filter(MediaController::viewable)
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    return png(picture(item, Thumbnails::clearPng));
  }

  private MediaItem find(Access access, long id) {
    Optional<MediaItem> item = reads.find(access, "media", id, records::find, records::find,
        m -> null);
    return item.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
  }

  private void fill(Model model, MediaItem item) {
    model.addAttribute("item", item);
    model.addAttribute("matches", matching.matchesOf(item.id()));
    model.addAttribute("viewable", viewable(item));
    model.addAttribute("canReveal", Callers.may(Permission.MEDIA_REVEAL));
    model.addAttribute("reasonMinLength", settings.reasonMinLength());
    model.addAttribute("reasonMaxLength", REASON_MAX_LENGTH);
    model.addAttribute("revealSeconds", settings.revealFor().toSeconds());
    model.addAttribute("section", "reports");
  }

  /** Stored content that decoded as an image: what can have a thumbnail. */
  static boolean viewable(MediaItem item) {
    return item.hasContent() && item.width() != null;
  }

  private byte[] picture(MediaItem item, Function<BufferedImage, byte[]> draw) {
    try {
      return draw.apply(ImageFiles.decode(store.read(item.contentRef())));
    } catch (MediaContentException | UnreadableImageException e) {
      log.warn("Media {}: no picture: {}", item.id(), e.getMessage());
      throw new ResponseStatusException(HttpStatus.NOT_FOUND);
    }
  }

  private static ResponseEntity<byte[]> png(byte[] png) {
    return ResponseEntity.ok()
        .contentType(MediaType.IMAGE_PNG)
        .cacheControl(CacheControl.noStore().cachePrivate())
        .header("Pragma", "no-cache")
        .body(png);
  }
}
