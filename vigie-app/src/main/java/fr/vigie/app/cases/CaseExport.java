package fr.vigie.app.cases;

import static java.util.Comparator.comparing;

import fr.vigie.app.audit.AuditAction;
import fr.vigie.app.audit.AuditLog;
import fr.vigie.app.cases.internal.CaseManifest;
import fr.vigie.app.cases.internal.CasePdf;
import fr.vigie.app.cases.internal.ExportSection;
import fr.vigie.app.cases.internal.JdbcCaseEvidence;
import fr.vigie.app.cases.internal.JdbcCaseWork;
import fr.vigie.app.cases.internal.JdbcCases;
import fr.vigie.app.security.Access;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The case file export: a PDF a magistrate can trust, with a content manifest whose SHA-256
 * closes the document.
 *
 * <p>The manifest lists every line the PDF shows, section by section, in a fixed order, with
 * instants in UTC ISO form and nothing about the export itself. The export is audited and put on
 * the case's timeline, but {@code EXPORTED} entries are left out of the exported timeline: were
 * they in, every export would change the next one's manifest, and "same case, same hash" could
 * never hold. The audit log keeps who exported what, and when, with the hash.
 */
@Service
public class CaseExport {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final JdbcCases cases;
  private final JdbcCaseWork work;
  private final JdbcCaseEvidence evidence;
  private final AuditLog audit;
  private final Clock clock;

  CaseExport(JdbcCases cases, JdbcCaseWork work, JdbcCaseEvidence evidence, AuditLog audit,
      Clock clock) {
    this.cases = cases;
    this.work = work;
    this.evidence = evidence;
    this.audit = audit;
    this.clock = clock;
  }

  /** Exports a case in the caller's scope; empty (and recorded) when it is not theirs. */
  @Transactional
  public Optional<ExportedCase> export(Access access, long caseId) {
    Optional<CaseFile> found = cases.findVisible(access, caseId);
    if (found.isEmpty()) {
      audit.recordRefusedRead(access, "case", caseId, cases.findAnyForAudit(caseId).isPresent(),
          cases.findAnyForAudit(caseId).map(CaseFile::unitId).orElse(null));
      return Optional.empty();
    }
    CaseFile file = found.get();
    List<ExportSection> sections = sections(file);
    String manifest = CaseManifest.text(sections);
    String hash = CaseManifest.sha256(manifest);
    byte[] pdf = CasePdf.render(file.reference(), file.title(), sections, hash);
    Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
    work.event(caseId, now, access.caller().username(), TimelineEntry.EXPORTED,
        "PDF, manifest sha256=" + hash);
    audit.record(Cases.event(access, AuditAction.EXPORT, caseId, file.unitId())
        .withDetail("case file PDF " + file.reference() + " manifest sha256=" + hash));
    return Optional.of(new ExportedCase(file.reference(), pdf, manifest, hash));
  }

  List<ExportSection> sections(CaseFile file) {
    long id = file.id();
    JdbcCaseWork.CaseExtra extra = work.extra(id);
    List<ExportSection> sections = new ArrayList<>();

    List<String> summary = new ArrayList<>();
    summary.add("Référence : " + file.reference());
    summary.add("Intitulé : " + file.title());
    summary.add("État : " + file.status()
        + (extra.outcome() == null ? "" : " — issue : " + extra.outcome())
        + (extra.outcomeNote() == null ? "" : " (" + extra.outcomeNote() + ")"));
    summary.add("Unité responsable : " + orDash(file.unitCode()));
    summary.add("Ouvert le " + iso(file.openedAt()) + " par " + file.openedBy());
    if (extra.closedAt() != null) {
      summary.add("Clos le " + iso(extra.closedAt()) + " par " + orDash(extra.closedBy()));
    }
    summary.add("Résumé : " + orDash(extra.summary()));
    sections.add(new ExportSection("summary", "1. Résumé", summary));

    List<String> identities = new ArrayList<>();
    for (CaseDossier.CaseSuspect s : work.suspects(id)) {
      identities.add("Suspect " + s.reference() + " — " + orDash(s.displayName()) + " — unité "
          + orDash(s.unitCode()) + " — département " + orDash(s.departementCode()));
    }
    for (JdbcCaseEvidence.Identifier i : evidence.identifiers(id)) {
      identities.add(i.suspectReference() + " identifiant " + i.kind() + " " + i.canonicalKey()
          + " (vu le " + iso(i.firstSeenAt()) + ")");
    }
    sections.add(new ExportSection("suspects", "2. Identités des suspects", identities));

    List<String> chain = new ArrayList<>();
    for (JdbcCaseEvidence.ChainLink c : evidence.chain(id)) {
      StringBuilder line = new StringBuilder();
      line.append(c.suspectReference()).append(" | événement ").append(c.eventId()).append(' ')
          .append(c.ip()).append(c.port() == null ? "" : ":" + c.port()).append(" à ")
          .append(iso(c.occurredAt())).append(" (signalement ").append(c.reportRef())
          .append(", ").append(c.eventStatus()).append(')');
      if (c.requisitionRef() != null) {
        line.append(" | réquisition ").append(c.requisitionRef()).append(" à ")
            .append(orDash(c.operatorName())).append(" (").append(c.requisitionStatus())
            .append(c.sentAt() == null ? "" : ", envoyée " + iso(c.sentAt())).append(')');
      }
      if (c.subscriberId() != null) {
        line.append(" | réponse reçue ").append(iso(c.answerReceivedAt()))
            .append(c.answerFileSha256() == null ? "" : " sha256=" + c.answerFileSha256())
            .append(" | abonné ").append(c.subscriberOutcome());
        if (c.subscriberName() != null) {
          line.append(' ').append(c.subscriberName());
        }
        if (c.subscriberAddress() != null || c.subscriberCity() != null) {
          line.append(", ").append(orDash(c.subscriberAddress())).append(' ')
              .append(orDash(c.subscriberPostalCode())).append(' ')
              .append(orDash(c.subscriberCity()));
        }
      }
      chain.add(line.toString());
    }
    sections.add(new ExportSection("attribution",
        "3. Chaîne d’attribution (événement → réquisition → réponse → abonné)", chain));

    List<String> matches = new ArrayList<>();
    for (JdbcCaseEvidence.MatchLine m : evidence.matches(id)) {
      matches.add(m.suspectReference() + " | signalement " + m.reportRef() + " | média sha256="
          + orDash(m.mediaSha256()) + " | jeu " + m.setName() + " v" + m.setVersion()
          + " | catégorie " + m.category() + " | " + m.algorithm() + " distance " + m.distance());
    }
    sections.add(new ExportSection("matches",
        "4. Correspondances (jeu, catégorie, distance — aucune image)", matches));

    List<String> risk = new ArrayList<>();
    for (JdbcCaseEvidence.Assessment a : evidence.assessments(id)) {
      risk.add(a.suspectReference() + " | priorité calculée " + a.computedTier()
          + (a.overrideTier() == null ? ""
              : " | priorité retenue " + a.overrideTier() + " par " + orDash(a.overrideBy())
                  + " : " + orDash(a.overrideReason()))
          + " | score " + String.format(Locale.ROOT, "%.2f", a.score()) + " | pondérations "
          + a.weightsVersion() + " | évalué le " + iso(a.assessedAt()) + " | échéance "
          + iso(a.dueAt()));
      for (String factor : factorLines(a.factors())) {
        risk.add(a.suspectReference() + " facteur " + factor);
      }
    }
    sections.add(new ExportSection("risk", "5. Évaluation du risque et facteurs", risk));

    List<String> notes = new ArrayList<>();
    for (CaseNote n : work.notes(id)) {
      notes.add("Note " + n.id() + " de " + n.writtenBy() + " le " + iso(n.writtenAt())
          + (n.editedAt() == null ? "" : " (modifiée le " + iso(n.editedAt()) + " par "
              + n.editedBy() + ")") + " : " + n.body());
    }
    for (CaseTask t : work.tasks(id).stream().sorted(comparing(CaseTask::id)).toList()) {
      notes.add("Tâche " + t.id() + " : " + t.title() + " | pour " + orDash(t.assignee())
          + " | échéance " + iso(t.dueAt()) + " | "
          + (t.done() ? "faite le " + iso(t.doneAt()) + " par " + orDash(t.doneBy()) : "à faire"));
    }
    sections.add(new ExportSection("notes", "6. Notes et tâches", notes));

    List<String> timeline = new ArrayList<>();
    for (TimelineEntry e : work.timeline(id)) {
      if (TimelineEntry.EXPORTED.equals(e.kind())) {
        continue;
      }
      timeline.add(iso(e.occurredAt()) + " | " + e.actor() + " | " + e.kind() + " | "
          + orDash(e.detail()));
    }
    sections.add(new ExportSection("timeline",
        "7. Chronologie (hors exports, voir la dernière page)", timeline));

    List<String> exhibits = new ArrayList<>();
    for (Exhibit x : work.exhibits(id)) {
      exhibits.add("Pièce " + x.id() + " | " + x.fileName() + " | " + x.sizeBytes()
          + " octets | sha256=" + x.sha256() + " | ajoutée le " + iso(x.addedAt()) + " par "
          + x.addedBy() + (x.replacesId() == null ? "" : " | remplace la pièce " + x.replacesId())
          + (x.description() == null ? "" : " | " + x.description()));
    }
    sections.add(new ExportSection("exhibits", "8. Pièces (SHA-256)", exhibits));
    return sections;
  }

  /**
   * The factors of an assessment as lines. Triage stores them as JSON: an array of objects (one
   * per factor) or an object of factor → contribution; anything else is shown as stored.
   */
  static List<String> factorLines(String factors) {
    if (factors == null || factors.isBlank()) {
      return List.of();
    }
    JsonNode root;
    try {
      root = JSON.readTree(factors);
    } catch (RuntimeException notJson) {
      return List.of(factors);
    }
    List<String> lines = new ArrayList<>();
    if (root.isArray()) {
      for (JsonNode item : root) {
        lines.add(flat(item));
      }
    } else if (root.isObject()) {
      for (Map.Entry<String, JsonNode> entry : root.properties()) {
        lines.add(entry.getKey() + " = " + flat(entry.getValue()));
      }
    } else {
      lines.add(root.toString());
    }
    return lines;
  }

  private static String flat(JsonNode node) {
    if (node.isObject()) {
      StringJoiner joined = new StringJoiner("; ");
      for (Map.Entry<String, JsonNode> entry : node.properties()) {
        joined.add(entry.getKey() + "=" + flat(entry.getValue()));
      }
      return joined.toString();
    }
    if (node.isArray()) {
      StringJoiner joined = new StringJoiner(", ", "[", "]");
      node.forEach(n -> joined.add(flat(n)));
      return joined.toString();
    }
    return node.isString() ? node.asString() : node.toString();
  }

  private static String iso(Instant instant) {
    return instant == null ? "—" : instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  private static String orDash(String value) {
    return value == null || value.isBlank() ? "—" : value;
  }
}
