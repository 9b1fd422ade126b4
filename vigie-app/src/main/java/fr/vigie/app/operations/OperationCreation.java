package fr.vigie.app.operations;

import java.util.List;

/** What creating an operation did. */
public sealed interface OperationCreation {

  /** The operation exists. */
  record Created(long id) implements OperationCreation {}

  /** Nothing was created: every problem of the form, as message keys. */
  record Invalid(List<String> errors) implements OperationCreation {

    public Invalid {
      errors = List.copyOf(errors);
    }
  }
}
