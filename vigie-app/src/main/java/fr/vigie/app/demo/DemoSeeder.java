package fr.vigie.app.demo;

import fr.vigie.app.cases.CaseDraft;
import fr.vigie.app.cases.Cases;
import fr.vigie.app.intake.ReportAction;
import fr.vigie.app.intake.ReportDraft;
import fr.vigie.app.intake.ReportWork;
import fr.vigie.app.intake.Reports;
import fr.vigie.app.matching.HashSets;
import fr.vigie.app.media.MediaImport;
import fr.vigie.app.security.NewUser;
import fr.vigie.app.operations.OperationDraft;
import fr.vigie.app.operations.Operations;
import fr.vigie.app.security.UserAccounts;
import fr.vigie.app.suspects.SuspectDraft;
import fr.vigie.app.suspects.SuspectIdentifier;
import fr.vigie.app.suspects.Suspects;
import fr.vigie.app.triage.RiskFacts;
import fr.vigie.app.triage.Triage;
import fr.vigie.app.units.Unit;
import fr.vigie.app.units.UnitDirectory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Seeds the demo data set at start-up, once: everything goes in one transaction, gated on the demo
 * hash set, so a second start (or a start after a crash mid-seed) leaves one clean copy.
 */
@Component
@ConditionalOnProperty(name = "vigie.demo.enabled", havingValue = "true")
class DemoSeeder implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(DemoSeeder.class);
  private static final int CHUNK = 500;
  private static final java.time.LocalDate OPERATION_DAY = java.time.LocalDate.of(2026, 12, 8);

  private final Reports reports;
  private final HashSets hashSets;
  private final UserAccounts users;
  private final TransactionTemplate transaction;
  private final DemoSettings settings;
  private final UnitDirectory units;
  private final Suspects suspects;
  private final Cases caseFiles;
  private final Operations operations;
  private final MediaImport media;
  private final Triage triage;
  private final ReportWork work;

  DemoSeeder(Reports reports, HashSets hashSets, UserAccounts users,
      TransactionTemplate transaction, DemoSettings settings, UnitDirectory units,
      Suspects suspects, Cases caseFiles, Operations operations, MediaImport media,
      Triage triage, ReportWork work) {
    this.work = work;
    this.triage = triage;
    this.reports = reports;
    this.hashSets = hashSets;
    this.users = users;
    this.transaction = transaction;
    this.settings = settings;
    this.units = units;
    this.suspects = suspects;
    this.caseFiles = caseFiles;
    this.operations = operations;
    this.media = media;
  }

  @Override
  public void run(ApplicationArguments args) {
    transaction.executeWithoutResult(status -> seed());
  }

  /**
   * Registers the demo's suspects (each attributed to the unit responsible for its département),
   * opens a case for every fourth attributed one, and plans one operation on those cases; returns
   * the number of cases.
   */
  /**
   * The reports of the demo's attributed people are placed in their département, as an
   * operator's answer naming the subscriber would place them (the demo sends no requisition).
   */
  private void placeAttributed(SyntheticData.DataSet data) {
    java.util.Map<String, String> departementByKey = new java.util.HashMap<>();
    for (SyntheticData.SuspectSeed seed : data.suspects()) {
      if (seed.departementCode() != null) {
        departementByKey.put(seed.identifiers().getFirst().canonicalKey(),
            seed.departementCode());
      }
    }
    java.util.Map<String, List<Long>> byUnit = new java.util.TreeMap<>();
    for (ReportDraft r : data.reports()) {
      String departement = departementByKey.get(r.identifiers().getFirst().canonicalKey());
      if (departement != null) {
        reports.placeInDepartement(r.sourceCode(), r.externalId(), departement).ifPresent(id ->
            units.responsibleFor(departement).ifPresent(unit ->
                byUnit.computeIfAbsent(unit.code(), k -> new ArrayList<>()).add(id)));
      }
    }
    // The analyst has given a few of them to the units responsible (and two of Lyon's to its
    // demo investigator), so that "Mon travail" has a queue to show: on the record as theirs.
    fr.vigie.app.security.Access analyst = new fr.vigie.app.security.Access(
        new fr.vigie.app.security.Caller(0, "analyste", fr.vigie.app.security.Role.ANALYST,
            null), "127.0.0.1");
    byUnit.forEach((unit, ids) -> {
      List<Long> given = ids.subList(0, Math.min(ids.size(), ASSIGNED_PER_UNIT));
      work.applyAll(analyst, given, new ReportAction.Assign(unit, null));
      if (unit.equals("OFMIN-LYON")) {
        work.applyAll(analyst, given.subList(0, Math.min(given.size(), 2)),
            new ReportAction.Assign(unit, "enqueteur.lyon"));
      }
    });
  }

  /** How many of each unit's placed reports the demo gives to that unit. */
  static final int ASSIGNED_PER_UNIT = 5;

  private int seedInvestigations(List<SyntheticData.SuspectSeed> seeds) {
    List<OperationDraft.TargetDraft> targets = new ArrayList<>();
    int cases = 0;
    for (int i = 0; i < seeds.size(); i++) {
      SyntheticData.SuspectSeed seed = seeds.get(i);
      String unit = seed.departementCode() == null ? null
          : units.responsibleFor(seed.departementCode()).map(Unit::code).orElse(null);
      long suspectId = suspects.register(new SuspectDraft(seed.reference(), seed.displayName(),
          unit, seed.departementCode(), seed.firstSeen(), seed.identifiers().stream()
              .map(id -> new SuspectIdentifier(id.kind(), id.canonicalKey(), seed.firstSeen()))
              .toList()));
      demoFacts(i, suspectId, unit);
      if (unit != null && i % 4 == 0) {
        cases++;
        caseFiles.open(new CaseDraft(String.format(Locale.ROOT, "D-2026-%04d", cases),
            "Dossier " + seed.displayName(), unit, seed.firstSeen().plusSeconds(86_400),
            "analyste", List.of(suspectId)));
        targets.add(new OperationDraft.TargetDraft(suspectId, unit, OPERATION_DAY
            .atTime(6, 0).atZone(java.time.ZoneId.of("Europe/Paris")).toInstant()));
      }
    }
    operations.plan(new OperationDraft("OP-2026-12-DEMO", "Opération coordonnée (démo)", "OFMIN",
        OPERATION_DAY, "analyste", targets));
    return cases;
  }

  /**
   * Gives the first media items not in the demo hash set a generated picture as content (their
   * invented hashes become the picture's), so that the media page has something to blur.
   */
  private int seedPictures(SyntheticData.DataSet data) {
    java.util.Set<String> known = new java.util.HashSet<>();
    data.hashSet().entries().forEach(e -> known.add(e.value()));
    List<Long> ids = media.withoutContent(settings.images(), known);
    for (int i = 0; i < ids.size(); i++) {
      media.attachDemoContent(ids.get(i), DemoImages.png(i));
    }
    return ids.size();
  }

  /**
   * What an analyst might have entered for a few suspects: a job with children (every tenth),
   * a registry entry (every fifteenth). Scored now, and again once matching has run.
   */
  private void demoFacts(int i, long suspectId, String unit) {
    boolean works = i % 10 == 0;
    boolean registry = i % 15 == 4;
    if (works || registry) {
      Long unitId = unit == null ? null : units.unit(unit).map(Unit::id).orElse(null);
      triage.recordFacts("demo", suspectId, unitId, new RiskFacts(works, false, false, registry,
          registry, false, false, null, "Donnée de démonstration (fictive)", null, null));
    }
  }

  private boolean alreadySeeded() {
    return hashSets.list().stream().anyMatch(set -> set.name().equals(SyntheticData.HASH_SET_NAME)
        && set.version().equals(SyntheticData.HASH_SET_VERSION));
  }

  /** Seeds the data set unless it is there; returns whether it seeded. */
  boolean seed() {
    // Every start after the first stops here, without generating the data set again.
    if (alreadySeeded()) {
      log.info("Demo data already present; nothing to seed.");
      return false;
    }
    SyntheticData.DataSet data = SyntheticData.generate(settings.reports(), settings.seed());
    // Still the gate: two processes starting the demo at once seed it once.
    if (!hashSets.registerIfAbsent(data.hashSet(), "demo")) {
      log.info("Demo data already present; nothing to seed.");
      return false;
    }
    for (DemoAccounts.Account a : DemoAccounts.ALL) {
      users.createIfAbsent(new NewUser(a.username(), a.displayName(), a.password(), a.role(),
          a.unitCode()), a.totpSecret());
    }
    reports.ensureSource("DEMO-NCMEC", "NCMEC CyberTipline (démo)", "NCMEC", "US");
    reports.ensureSource("DEMO-PLATEFORME", "Plateforme partenaire (démo)", "PLATFORM", "FR");
    reports.ensureSource("DEMO-PHAROS", "PHAROS (démo)", "PARTNER", "FR");
    List<ReportDraft> all = data.reports();
    for (int from = 0; from < all.size(); from += CHUNK) {
      reports.storeAll(all.subList(from, Math.min(all.size(), from + CHUNK)), "DEMO");
    }
    placeAttributed(data);
    int pictures = seedPictures(data);
    int cases = seedInvestigations(data.suspects());
    log.info("Demo data seeded: {} reports, {} hash entries, {} accounts, {} suspects, {} cases, "
        + "{} pictures.", all.size(), data.hashSet().entries().size(), DemoAccounts.ALL.size(),
        data.suspects().size(), cases, pictures);
    return true;
  }
}
