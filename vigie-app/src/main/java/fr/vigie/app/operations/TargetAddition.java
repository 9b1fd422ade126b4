package fr.vigie.app.operations;

/** What adding one case to an operation did. */
public sealed interface TargetAddition {

  String caseReference();

  /** The case's suspect is a target of the operation; the case is "en opération". */
  record Added(String caseReference, long targetId) implements TargetAddition {}

  /**
   * Nothing was added, for this reason (a message key; {@code argument} fills its {0}).
   */
  record Refused(String caseReference, String reason, String argument)
      implements TargetAddition {}
}
