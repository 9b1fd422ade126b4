package fr.vigie.app.cases;

import fr.vigie.app.audit.AuditAction;
import fr.vigie.app.audit.AuditEvent;
import fr.vigie.app.audit.AuditLog;
import fr.vigie.app.audit.AuditedReads;
import fr.vigie.app.cases.internal.ExhibitStore;
import fr.vigie.app.cases.internal.JdbcCaseWork;
import fr.vigie.app.cases.internal.JdbcCases;
import fr.vigie.app.security.Access;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Exhibits (pièces): files attached to a case. The SHA-256 is computed while the bytes arrive,
 * the file is kept write-once under its digest, and the row is never updated: a corrected file
 * is a new exhibit that names the one it replaces.
 */
@Service
public class CaseExhibits {

  private final JdbcCases cases;
  private final JdbcCaseWork work;
  private final CaseScope scope;
  private final ExhibitStore store;
  private final AuditLog audit;
  private final AuditedReads reads;
  private final Clock clock;

  CaseExhibits(JdbcCases cases, JdbcCaseWork work, CaseScope scope, ExhibitStore store,
      AuditLog audit, AuditedReads reads, Clock clock) {
    this.cases = cases;
    this.work = work;
    this.scope = scope;
    this.store = store;
    this.audit = audit;
    this.reads = reads;
    this.clock = clock;
  }

  /** Why an attachment was not made. */
  public static final class Refused extends Exception {
    private final String messageKey;

    public Refused(String message) {
      this(message, null);
    }

    /** A refusal the page shows in its language, under {@code messageKey}. */
    public Refused(String message, String messageKey) {
      super(message);
      this.messageKey = messageKey;
    }

    /** The message key of the refusal, when the page has one for it (else null). */
    public String messageKey() {
      return messageKey;
    }
  }

  /** What to attach: the file's name as given, its type, a description, what it replaces. */
  public record Upload(String fileName, String mediaType, String description, Long replacesId) {
    public Upload {
      if (fileName == null || fileName.isBlank()) {
        throw new IllegalArgumentException("an exhibit needs a file name");
      }
      // Keep the last path segment only: a name, never a path on the sender's machine.
      fileName = fileName.replace('\\', '/');
      fileName = fileName.substring(fileName.lastIndexOf('/') + 1).strip();
      description = description == null || description.isBlank() ? null : description.strip();
    }
  }

  /**
   * Attaches content to a case in the caller's scope. Empty when the case, or the exhibit it
   * replaces, is not the caller's (answered as missing; the refusal is on the audit record).
   */
  @Transactional
  public Optional<Exhibit> attach(Access access, long caseId, Upload upload, InputStream content)
      throws IOException, Refused {
    Optional<CaseFile> file = scope.caseFor(access, caseId, AuditAction.CREATE, "exhibit");
    if (file.isEmpty() || (upload.replacesId() != null && scope.partOf(access, file.get(),
        JdbcCaseWork.Part.EXHIBIT, upload.replacesId(), AuditAction.CREATE,
        "exhibit replacing it on " + file.get().reference()).isEmpty())) {
      return Optional.empty();
    }
    if (Cases.isClosed(file.get())) {
      audit.record(AuditEvent.of(access.caller().username(), access.caller().role().name(),
              AuditAction.CREATE, "case", file.get().id(), file.get().unitId(),
              access.clientAddress())
          .withOutcome("FAILURE").withDetail("exhibit: refused, " + file.get().reference()
              + " is closed"));
      throw closed(file.get());
    }
    Exhibit exhibit = attach(file.get(), upload, content, access.caller().username());
    audit.record(AuditEvent.of(access.caller().username(), access.caller().role().name(),
            AuditAction.CREATE, "exhibit", exhibit.id(), file.get().unitId(),
            access.clientAddress())
        .withDetail(file.get().reference() + " " + exhibit.fileName() + " sha256="
            + exhibit.sha256()));
    return Optional.of(exhibit);
  }

  /**
   * Attaches a local file to the case of that reference, for the command line (which runs with
   * the rights of whoever may open the database). Audited under the operating-system actor.
   */
  @Transactional
  public Exhibit attachFile(String caseReference, Path path, String description, Long replacesId,
      String actor) throws IOException, Refused {
    long caseId = work.caseIdByReference(caseReference)
        .orElseThrow(() -> new Refused("no case with reference " + caseReference));
    CaseFile file = cases.findAnyForAudit(caseId).orElseThrow();
    if (Cases.isClosed(file)) {
      audit.record(AuditEvent.of(actor, null, AuditAction.CREATE, "case", file.id(),
              file.unitId(), null)
          .withOutcome("FAILURE").withDetail("exhibit: refused, " + file.reference()
              + " is closed"));
      throw closed(file);
    }
    String type = Files.probeContentType(path);
    Exhibit exhibit;
    try (InputStream in = Files.newInputStream(path)) {
      exhibit = attach(file, new Upload(path.getFileName().toString(),
          type == null ? "application/octet-stream" : type, description, replacesId), in, actor);
    }
    audit.record(AuditEvent.of(actor, null, AuditAction.CREATE, "exhibit", exhibit.id(),
            file.unitId(), null)
        .withDetail(file.reference() + " " + exhibit.fileName() + " sha256=" + exhibit.sha256()));
    return exhibit;
  }

  private Exhibit attach(CaseFile file, Upload upload, InputStream content, String actor)
      throws IOException, Refused {
    if (Cases.isClosed(file)) {
      throw closed(file);
    }
    if (upload.replacesId() != null && work.exhibit(file.id(), upload.replacesId()).isEmpty()) {
      throw new Refused("exhibit " + upload.replacesId() + " is not an exhibit of "
          + file.reference());
    }
    ExhibitStore.Stored stored = store.store(content);
    Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
    long id = work.addExhibit(file.id(), upload.replacesId(), upload.fileName(),
        upload.mediaType(), stored.size(), stored.sha256(), stored.storageRef(),
        upload.description(), now, actor);
    work.event(file.id(), now, actor, "EXHIBIT", upload.fileName() + " sha256=" + stored.sha256()
        + (upload.replacesId() == null ? "" : " replaces " + upload.replacesId()));
    return work.exhibit(file.id(), id).orElseThrow();
  }

  private static Refused closed(CaseFile file) {
    return new Refused("case " + file.reference() + " is closed: it takes no new exhibit until "
        + "it is reopened", "case.error.closed");
  }

  /**
   * Opens an exhibit of a case in the caller's scope for reading; the read is audited. An
   * exhibit of another unit's case is recorded DENIED with that unit, through whichever case it
   * is asked for; one that is not this case's, NOT_FOUND.
   */
  @Transactional(readOnly = true)
  public Optional<Opened> open(Access access, long caseId, long exhibitId) throws IOException {
    Optional<CaseFile> file = cases.findVisible(access, caseId);
    Optional<JdbcCaseWork.Owner> owner = reads.find(access, "exhibit", exhibitId,
        id -> file.flatMap(f -> work.ownerOf(JdbcCaseWork.Part.EXHIBIT, id)
            .filter(o -> o.caseId() == f.id())),
        id -> work.ownerOf(JdbcCaseWork.Part.EXHIBIT, id)
            .filter(o -> !access.caller().sees(o.unitId())),
        JdbcCaseWork.Owner::unitId);
    if (owner.isEmpty()) {
      return Optional.empty();
    }
    Exhibit exhibit = work.exhibit(caseId, exhibitId).orElseThrow();
    return Optional.of(new Opened(exhibit, store.open(exhibit.storageRef())));
  }

  /** An exhibit and its content, to be closed by the reader. */
  public record Opened(Exhibit exhibit, InputStream content) {}
}
