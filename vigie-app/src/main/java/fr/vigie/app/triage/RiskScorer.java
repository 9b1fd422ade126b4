package fr.vigie.app.triage;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns evidence into points, factor by factor, with one version of the weights: a plain sum, so
 * that every point on the suspect page can be traced to a line of evidence. Pure and
 * deterministic; the same evidence and weights always give the same scoring.
 */
public final class RiskScorer {

  private static final int LISTED = 5;

  private RiskScorer() {}

  /** Scores the evidence; every factor is listed, with 0 points when absent. */
  public static Scoring score(RiskEvidence e, Weights w) {
    List<Contribution> out = new ArrayList<>();
    out.add(listed(Factor.ACCESS_TO_CHILDREN, w.accessToChildren(), e.accessToChildren(),
        "aucun accès connu à des enfants"));
    out.add(listed(Factor.CONTACT_WITH_MINORS, w.contactWithMinors(), e.contactWithMinors(),
        "aucun contact avec un mineur signalé"));
    out.add(e.unknownMedia() > 0
        ? new Contribution(Factor.UNKNOWN_MATERIAL, w.unknownMaterial(),
            e.unknownMedia() + " fichier(s) inconnu(s) des jeux d'empreintes — "
                + join(e.unknownMaterialReports()))
        : new Contribution(Factor.UNKNOWN_MATERIAL, 0, "aucun fichier inconnu"));
    out.add(listed(Factor.SELF_PRODUCED, w.selfProduced(), e.selfProduced(),
        "aucun indice de production"));
    int category = Math.max(0, Math.min(3, e.maxCategory()));
    out.add(category > 0
        ? new Contribution(Factor.SEVERITY, w.severityByCategory()[category],
            "catégorie " + category + " au plus (échelle Vigie), " + e.matchedMedia()
                + " fichier(s) reconnu(s)")
        : new Contribution(Factor.SEVERITY, 0, "aucun fichier reconnu"));
    out.add(new Contribution(Factor.VOLUME, Weights.stepPoints(w.volumeSteps(), e.mediaCount()),
        e.mediaCount() + " fichier(s)"));
    long days = e.firstActivity() == null || e.lastActivity() == null ? 0
        : Duration.between(e.firstActivity(), e.lastActivity()).toDays();
    out.add(new Contribution(Factor.DURATION, Weights.stepPoints(w.durationSteps(), days),
        e.firstActivity() == null ? "aucune date d'activité"
            : days + " jour(s) entre la première et la dernière activité ("
                + e.firstActivity() + " → " + e.lastActivity() + ")"));
    out.add(e.uploadEvents() > 0 || !e.distributionReports().isEmpty()
        ? new Contribution(Factor.DISTRIBUTION, w.distribution(),
            e.uploadEvents() + " envoi(s) (upload) — " + join(e.distributionReports()))
        : new Contribution(Factor.DISTRIBUTION, 0, "détention seule (aucun envoi ni partage vu)"));
    out.add(e.videos() > 0
        ? new Contribution(Factor.VIDEOS, w.videos(), e.videos() + " vidéo(s)")
        : new Contribution(Factor.VIDEOS, 0, "aucune vidéo"));
    out.add(prior(e, w));
    boolean young = e.age() != null && e.age() <= w.ageMax();
    out.add(new Contribution(Factor.AGE, young ? w.agePoints() : 0,
        e.age() == null ? "âge inconnu"
            : e.age() + " ans (" + e.ageSource() + ")" + (young ? ", " + w.ageMax()
                + " ans ou moins" : "")));
    double score = out.stream().mapToDouble(Contribution::points).sum();
    return new Scoring(w.version(), score, w.tierFor(score), out);
  }

  private static Contribution prior(RiskEvidence e, Weights w) {
    // A registry entry follows a conviction: the two count once, at the higher weight.
    double sexual = Math.max(e.priorSexual() ? w.priorSexual() : 0,
        e.registryEntry() ? w.priorRegistry() : 0);
    double points = sexual + (e.otherConvictions() ? w.priorOther() : 0);
    List<String> what = new ArrayList<>();
    if (e.priorSexual()) {
      what.add("condamnation antérieure pour infraction sexuelle (saisie analyste)");
    }
    if (e.registryEntry()) {
      what.add("inscrit au FIJAIS (saisie analyste)");
    }
    if (e.otherConvictions()) {
      what.add("autres condamnations (saisie analyste)");
    }
    return new Contribution(Factor.PRIOR_RECORD, points,
        what.isEmpty() ? "aucun antécédent saisi" : String.join(" ; ", what));
  }

  private static Contribution listed(Factor factor, double points, List<String> evidence,
      String none) {
    return evidence.isEmpty() ? new Contribution(factor, 0, none)
        : new Contribution(factor, points, join(evidence));
  }

  private static String join(List<String> items) {
    if (items.size() <= LISTED) {
      return String.join(" ; ", items);
    }
    return String.join(" ; ", items.subList(0, LISTED))
        + String.format(Locale.ROOT, " ; … (+%d)", items.size() - LISTED);
  }
}
