package fr.vigie.app.cases.internal;

import fr.vigie.app.cases.Cases;
import fr.vigie.app.cases.HeldBy;
import fr.vigie.app.security.Access;
import fr.vigie.app.security.Callers;
import fr.vigie.app.suspects.Suspect;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The cases holding a suspect, for the suspect page's case fragment ({@code @suspectCases}): the
 * suspects feature includes the fragment and knows nothing of cases.
 */
@Component("suspectCases")
public class SuspectCases {

  private final Cases cases;

  SuspectCases(Cases cases) {
    this.cases = cases;
  }

  /** The cases, open and closed, that hold the suspect (shown on a page the caller may see). */
  public List<HeldBy> of(Suspect suspect) {
    Access access = new Access(Callers.current().orElseThrow(), null);
    return cases.holding(access, suspect.id());
  }
}
