package fr.vigie.app.cases;

import java.util.List;

/** A case with everything worked on it: suspects, notes, tasks, exhibits, timeline. */
public record CaseDossier(CaseFile file, String summary, String outcome, String outcomeNote,
    List<CaseSuspect> suspects, List<CaseNote> notes, List<CaseTask> tasks,
    List<Exhibit> exhibits, List<TimelineEntry> timeline) {

  public CaseDossier {
    suspects = List.copyOf(suspects);
    notes = List.copyOf(notes);
    tasks = List.copyOf(tasks);
    exhibits = List.copyOf(exhibits);
    timeline = List.copyOf(timeline);
  }

  /** A suspect of the case, as the dossier shows it. */
  public record CaseSuspect(long id, String reference, String displayName, String unitCode,
      String departementCode) {}
}
