package fr.vigie.app.administration;

import java.util.List;

/** What an administrator's change came to, said with a message key and its arguments. */
public sealed interface AdminOutcome {

  String messageKey();

  List<Object> args();

  /** The change was made (and recorded). */
  record Done(String messageKey, List<Object> args) implements AdminOutcome {}

  /** The account was created; its one-time password is shown once and never kept in clear. */
  record Created(String messageKey, List<Object> args, String oneTimePassword)
      implements AdminOutcome {}

  /** Nothing was changed, for the reason the key says. */
  record Refused(String messageKey, List<Object> args) implements AdminOutcome {}

  static AdminOutcome refused(String key, Object... args) {
    return new Refused(key, List.of(args));
  }

  static AdminOutcome done(String key, Object... args) {
    return new Done(key, List.of(args));
  }
}
