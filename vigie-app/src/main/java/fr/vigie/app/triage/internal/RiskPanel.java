package fr.vigie.app.triage.internal;

import fr.vigie.app.security.Access;
import fr.vigie.app.security.Callers;
import fr.vigie.app.security.Permission;
import fr.vigie.app.suspects.Suspect;
import fr.vigie.app.triage.RiskAssessment;
import fr.vigie.app.triage.RiskFacts;
import fr.vigie.app.triage.RiskOverride;
import fr.vigie.app.triage.Tier;
import fr.vigie.app.triage.Triage;
import java.time.Clock;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * What the risk section of a suspect's page shows. Templates call it as
 * {@code ${@riskPanel.of(suspect)}}, so the suspect page needs no code from triage: the
 * dependency runs from triage to suspects only. The suspect's read is audited by its page.
 */
@Component("riskPanel")
public class RiskPanel {

  private final Triage triage;
  private final Clock clock;

  RiskPanel(Triage triage, Clock clock) {
    this.triage = triage;
    this.clock = clock;
  }

  /** The risk section's content; {@code assessment} null when the suspect is not scored yet. */
  public record View(Suspect suspect, RiskAssessment assessment, boolean overdue,
      RiskFacts facts, List<RiskOverride> overrides, List<RiskAssessment> history,
      boolean canWrite, String weightsVersion, List<Tier> tiers) {}

  /** Returns the view for a suspect the caller may see (empty parts otherwise). */
  public View of(Suspect suspect) {
    Access access = new Access(Callers.current().orElseThrow(), null);
    RiskAssessment a = triage.current(access, suspect).orElse(null);
    return new View(suspect, a, a != null && a.overdueAt(clock.instant()),
        triage.facts(access, suspect), triage.overrides(access, suspect),
        triage.history(access, suspect), Callers.may(Permission.SUSPECTS_WRITE),
        triage.weights().version(), List.of(Tier.values()));
  }
}
