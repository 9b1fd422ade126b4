package fr.vigie.formats.cybertip;

import java.util.Locale;

/**
 * An e-mail address as written, trimmed and lower-cased, and a canonical key for matching.
 *
 * <p>The key folds what Gmail ignores: dots in the local part and a {@code +tag}, and
 * {@code googlemail.com} to {@code gmail.com}. Other providers are not folded, since a {@code +}
 * or a dot may be significant there and a false link between two people costs more than a
 * missed one.
 */
public record Email(String original, String normalized, String canonicalKey) {

  public static Email of(String text) {
    String normalized = text.strip().toLowerCase(Locale.ROOT);
    return new Email(text, normalized, canonicalKey(normalized));
  }

  static String canonicalKey(String normalized) {
    int at = normalized.lastIndexOf('@');
    if (at < 0) {
      return normalized;
    }
    String local = normalized.substring(0, at);
    String domain = normalized.substring(at + 1);
    if (domain.equals("gmail.com") || domain.equals("googlemail.com")) {
      int plus = local.indexOf('+');
      if (plus >= 0) {
        local = local.substring(0, plus);
      }
      return local.replace(".", "") + "@gmail.com";
    }
    return normalized;
  }
}
