package fr.vigie.app.intake;

/** A change asked of one report or of a selection of them. */
public sealed interface ReportAction {

  /** What the audit entry and the refusals name the change. */
  String change();

  /** Moves the report to {@code to}; {@code reason} is required for NO_ACTION. */
  record Move(ReportStatus to, String reason) implements ReportAction {
    @Override
    public String change() {
      return "status";
    }
  }

  /**
   * Gives the report to a unit (its code), a person (a username: then their unit too, when they
   * have one), or back to nobody when both are blank.
   */
  record Assign(String unitCode, String username) implements ReportAction {
    @Override
    public String change() {
      return "assignment";
    }
  }

  /** Sets or clears the report's high priority. */
  record Prioritise(boolean high) implements ReportAction {
    @Override
    public String change() {
      return "priority";
    }
  }
}
