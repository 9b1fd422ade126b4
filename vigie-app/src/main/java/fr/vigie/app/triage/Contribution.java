package fr.vigie.app.triage;

/**
 * One factor's part in an assessment: its points (0 when absent) and the evidence behind them.
 */
public record Contribution(Factor factor, double points, String evidence) {

  /** Returns whether the factor counted. */
  public boolean present() {
    return points > 0;
  }
}
