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
import fr.vigie.app.web.ParisTimes;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The case file export: a PDF a magistrate can trust, with a content manifest whose SHA-256
 * closes the document.
 *
 * <p>The manifest lists every line the PDF shows, section by section, in a fixed order, with
 * instants in Paris time with their offset, and nothing about the export itself. The export is audited and put on
 * the case's timeline, but {@code EXPORTED} entries are left out of the exported timeline: were
 * they in, every export would change the next one's manifest, and "same case, same hash" could
 * never hold. The audit log keeps who exported what, and when, with the hash.
 */
@Service
public class CaseExport {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** Known top-level fields of triage's JSON that are not factors (shown on their own line). */
  private static final Set<String> ASSESSMENT_FIELDS = Set.of("weightsVersion", "score", "tier");

  private static final DateTimeFormatter PARIS = DateTimeFormatter.ofPattern(
      "yyyy-MM-dd HH:mm:ss xxx");

  private final JdbcCases cases;
  private final JdbcCaseWork work;
  private final JdbcCaseEvidence evidence;
  private final AuditLog audit;
  private final Clock clock;
  private final MessageSource messages;

  CaseExport(JdbcCases cases, JdbcCaseWork work, JdbcCaseEvidence evidence, AuditLog audit,
      Clock clock, MessageSource messages) {
    this.messages = messages;
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
    summary.add("État : " + word("case.status.", file.status())
        + (extra.outcome() == null ? "" : " — issue : " + word("case.outcome.", extra.outcome()))
        + (extra.outcomeNote() == null ? "" : " (" + extra.outcomeNote() + ")"));
    summary.add("Unité responsable : " + orDash(file.unitCode()));
    summary.add("Ouvert le " + paris(file.openedAt()) + " par " + file.openedBy());
    if (extra.closedAt() != null) {
      summary.add("Clos le " + paris(extra.closedAt()) + " par " + orDash(extra.closedBy()));
    }
    summary.add("Résumé : " + orDash(extra.summary()));
    sections.add(ExportSection.ofLines("summary", "1. Résumé", summary));

    List<String> identities = new ArrayList<>();
    for (CaseDossier.CaseSuspect s : work.suspects(id)) {
      identities.add("Suspect " + s.reference() + " — " + orDash(s.displayName()) + " — unité "
          + orDash(s.unitCode()) + " — département " + orDash(s.departementCode()));
    }
    for (JdbcCaseEvidence.Identifier i : evidence.identifiers(id)) {
      identities.add(i.suspectReference() + " — " + word("case.export.kind.", i.kind()) + " : "
          + i.canonicalKey() + " (vu la première fois le " + paris(i.firstSeenAt()) + ")");
    }
    sections.add(ExportSection.ofLines("suspects", "2. Identités des suspects", identities));

    List<String> chain = new ArrayList<>();
    for (JdbcCaseEvidence.ChainLink c : evidence.chain(id)) {
      StringBuilder line = new StringBuilder();
      line.append(c.suspectReference()).append(" — connexion depuis ").append(c.ip())
          .append(c.port() == null ? " (port non communiqué)" : ", port " + c.port())
          .append(", le ").append(paris(c.occurredAt())).append(" (signalement ")
          .append(c.reportRef()).append(", événement n° ").append(c.eventId()).append(" : ")
          .append(word("case.export.event.", c.eventStatus())).append(')');
      if (c.requisitionRef() != null) {
        line.append(" — réquisition ").append(c.requisitionRef()).append(" adressée à ")
            .append(orDash(c.operatorName())).append(" (")
            .append(word("requisitions.status.", c.requisitionStatus()).toLowerCase(Locale.FRENCH))
            .append(c.sentAt() == null ? "" : ", envoyée le " + paris(c.sentAt())).append(')');
      }
      if (c.subscriberId() != null) {
        line.append(" — réponse reçue le ").append(paris(c.answerReceivedAt()))
            .append(c.answerFileSha256() == null ? ""
                : " (fichier SHA-256 " + c.answerFileSha256() + ")")
            .append(" — abonné : ").append(word("case.export.subscriber.", c.subscriberOutcome()));
        if (c.subscriberName() != null) {
          line.append(", ").append(c.subscriberName());
        }
        if (c.subscriberAddress() != null || c.subscriberCity() != null) {
          line.append(", ").append(orDash(c.subscriberAddress())).append(' ')
              .append(orDash(c.subscriberPostalCode())).append(' ')
              .append(orDash(c.subscriberCity()));
        }
      }
      chain.add(line.toString());
    }
    sections.add(ExportSection.ofLines("attribution",
        "3. Chaîne d’attribution (connexion → réquisition → réponse → abonné)", chain));

    List<String> matches = new ArrayList<>();
    for (JdbcCaseEvidence.MatchLine m : evidence.matches(id)) {
      matches.add(m.suspectReference() + " — signalement " + m.reportRef() + " — média SHA-256 "
          + orDash(m.mediaSha256()) + " — reconnu par le jeu « " + m.setName() + " » version "
          + m.setVersion() + " — catégorie " + m.category() + " — empreinte " + m.algorithm()
          + ", distance " + m.distance());
    }
    sections.add(ExportSection.ofLines("matches",
        "4. Correspondances (jeu, catégorie, distance — aucune image)", matches));

    List<ExportSection.Block> risk = new ArrayList<>();
    for (JdbcCaseEvidence.Assessment a : evidence.assessments(id)) {
      risk.add(new ExportSection.Line(a.suspectReference() + " — priorité calculée "
          + tier(a.computedTier())
          + (a.overrideTier() == null ? ""
              : " — priorité retenue " + tier(a.overrideTier()) + " par "
                  + orDash(a.overrideBy()) + " : " + orDash(a.overrideReason()))
          + " — score " + String.format(Locale.FRENCH, "%.2f", a.score()) + " — pondérations "
          + a.weightsVersion() + " — évalué le " + paris(a.assessedAt()) + " — à revoir le "
          + paris(a.dueAt())));
      List<List<String>> rows = factorRows(a.factors()).stream()
          .map(r -> List.of(factorWord(r.get(0)), r.get(1), r.get(2))).toList();
      if (!rows.isEmpty()) {
        risk.add(new ExportSection.Table(List.of("Facteur", "Points", "Élément retenu"), rows));
      }
    }
    sections.add(new ExportSection("risk", "5. Évaluation du risque et facteurs", risk));

    List<String> notes = new ArrayList<>();
    for (CaseNote n : work.notes(id)) {
      notes.add("Note n° " + n.id() + " de " + n.writtenBy() + ", le " + paris(n.writtenAt())
          + (n.editedAt() == null ? "" : " (modifiée le " + paris(n.editedAt()) + " par "
              + n.editedBy() + ")") + " : " + n.body());
    }
    for (CaseTask t : work.tasks(id).stream().sorted(comparing(CaseTask::id)).toList()) {
      notes.add("Tâche n° " + t.id() + " : " + t.title() + " — pour " + orDash(t.assignee())
          + " — échéance " + paris(t.dueAt()) + " — "
          + (t.done() ? "faite le " + paris(t.doneAt()) + " par " + orDash(t.doneBy())
              : "à faire"));
    }
    sections.add(ExportSection.ofLines("notes", "6. Notes et tâches", notes));

    List<String> timeline = new ArrayList<>();
    for (TimelineEntry e : work.timeline(id)) {
      if (TimelineEntry.EXPORTED.equals(e.kind())) {
        continue;
      }
      timeline.add(paris(e.occurredAt()) + " — " + e.actor() + " — "
          + word("case.event.", e.kind()) + " — " + orDash(TimelineWords.detail(messages, e, Locale.FRENCH)));
    }
    sections.add(ExportSection.ofLines("timeline",
        "7. Chronologie (hors exports, voir la dernière page)", timeline));

    List<String> exhibits = new ArrayList<>();
    for (Exhibit x : work.exhibits(id)) {
      exhibits.add("Pièce n° " + x.id() + " — " + x.fileName() + " — " + x.sizeBytes()
          + " octets — SHA-256 " + x.sha256() + " — ajoutée le " + paris(x.addedAt()) + " par "
          + x.addedBy() + (x.replacesId() == null ? "" : " — remplace la pièce n° "
              + x.replacesId())
          + (x.description() == null ? "" : " — " + x.description()));
    }
    sections.add(ExportSection.ofLines("exhibits", "8. Pièces (SHA-256)", exhibits));
    return sections;
  }

  /** A code in words, as the pages say it in French; the code itself if it has no words. */
  private String word(String prefix, String code) {
    return code == null ? "—" : messages.getMessage(prefix + code, null, code, Locale.FRENCH);
  }

  private String tier(String tier) {
    return tier + " (" + word("triage.tier.", tier) + ")";
  }

  private String factorWord(String factor) {
    return word("triage.factor.", factor.toLowerCase(Locale.ROOT));
  }

  /**
   * The factors of an assessment as rows of three cells: factor (its key), points, evidence.
   * Triage stores them as JSON: an object with a {@code factors} array (its version, score and
   * tier beside), an array of objects (one per factor: {@code factor}, {@code points} or
   * {@code contribution}, {@code evidence}), or an object of factor → points; anything else is
   * one row with the text as stored.
   */
  static List<List<String>> factorRows(String factors) {
    if (factors == null || factors.isBlank()) {
      return List.of();
    }
    JsonNode root;
    try {
      root = JSON.readTree(factors);
    } catch (RuntimeException notJson) {
      return List.of(List.of(factors, "", ""));
    }
    if (root.isObject() && root.has("factors") && root.get("factors").isArray()) {
      root = root.get("factors");
    }
    List<List<String>> rows = new ArrayList<>();
    if (root.isArray()) {
      for (JsonNode item : root) {
        if (item.isObject() && item.has("factor")) {
          JsonNode points = item.has("points") ? item.get("points") : item.get("contribution");
          rows.add(List.of(flat(item.get("factor")), points == null ? "" : flat(points),
              item.has("evidence") ? flat(item.get("evidence")) : ""));
        } else {
          rows.add(List.of(flat(item), "", ""));
        }
      }
    } else if (root.isObject()) {
      for (Map.Entry<String, JsonNode> entry : root.properties()) {
        if (!ASSESSMENT_FIELDS.contains(entry.getKey())) {
          rows.add(List.of(entry.getKey(), flat(entry.getValue()), ""));
        }
      }
    } else {
      rows.add(List.of(root.toString(), "", ""));
    }
    return rows;
  }

  private static String flat(JsonNode node) {
    if (node.isObject()) {
      StringJoiner joined = new StringJoiner("; ");
      for (Map.Entry<String, JsonNode> entry : node.properties()) {
        joined.add(entry.getKey() + " : " + flat(entry.getValue()));
      }
      return joined.toString();
    }
    if (node.isArray()) {
      StringJoiner joined = new StringJoiner(", ");
      node.forEach(n -> joined.add(flat(n)));
      return joined.toString();
    }
    return node.isString() ? node.asString() : node.toString();
  }

  /** Paris time with its offset, as the pages show it (web.ParisTimes); "—" for none. */
  static String paris(Instant instant) {
    return instant == null ? "—" : PARIS.format(instant.atZone(ParisTimes.PARIS));
  }

  private static String orDash(String value) {
    return value == null || value.isBlank() ? "—" : value;
  }
}
