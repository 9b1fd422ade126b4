package fr.vigie.app.attribution;

import java.util.List;

/** The result of asking for a requisition. */
public sealed interface DraftOutcome {

  /** Drafted with {@code items} events. */
  record Drafted(long id, String reference, int items) implements DraftOutcome {}

  /** Nothing drafted; message keys of what is wrong (e.g. nothing pending for the operator). */
  record Refused(List<String> errors) implements DraftOutcome {}
}
