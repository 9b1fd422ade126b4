package fr.vigie.app.demo;

import fr.vigie.app.intake.ReportDraft;
import fr.vigie.app.intake.Reports;
import fr.vigie.app.matching.HashSets;
import fr.vigie.app.security.NewUser;
import fr.vigie.app.security.UserAccounts;
import java.util.List;
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

  private final Reports reports;
  private final HashSets hashSets;
  private final UserAccounts users;
  private final TransactionTemplate transaction;
  private final DemoSettings settings;

  DemoSeeder(Reports reports, HashSets hashSets, UserAccounts users,
      TransactionTemplate transaction, DemoSettings settings) {
    this.reports = reports;
    this.hashSets = hashSets;
    this.users = users;
    this.transaction = transaction;
    this.settings = settings;
  }

  @Override
  public void run(ApplicationArguments args) {
    transaction.executeWithoutResult(status -> seed());
  }

  /** Seeds the data set unless it is there; returns whether it seeded. */
  boolean seed() {
    SyntheticData.DataSet data = SyntheticData.generate(settings.reports(), settings.seed());
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
    log.info("Demo data seeded: {} reports, {} hash entries, {} accounts.", all.size(),
        data.hashSet().entries().size(), DemoAccounts.ALL.size());
    return true;
  }
}
