package fr.vigie.formats.cybertip;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/**
 * A phone number as written and in E.164. The region is France unless
 * {@code @countryCallingCode} (e.g. {@code +44}) says otherwise or the number starts with
 * {@code +}.
 *
 * @param e164 e.g. {@code +33612345678}, or null when the text is not a possible number
 * @param countryCallingCode the attribute as written, or null
 * @param extension the attribute as written, or null
 */
public record Phone(String original, String e164, String countryCallingCode, String extension) {

  private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

  public static Phone of(String text, String countryCallingCode, String extension) {
    return new Phone(text, e164(text, countryCallingCode), countryCallingCode, extension);
  }

  /** As {@link #e164(String, String)}, which the common French shapes skip (see below). */
  static String e164(String text, String countryCallingCode) {
    String quick = quickFrench(text, countryCallingCode);
    return quick != null ? quick : libphonenumber(text, countryCallingCode);
  }

  /**
   * {@code 0612345678} or {@code +33612345678} (region France): the E.164 form libphonenumber
   * gives for them (every 9-digit national number is a possible French number), without its
   * parser, which costs more than the rest of a record. Null for any other shape.
   */
  static String quickFrench(String text, String countryCallingCode) {
    if (countryCallingCode != null) {
      String code = countryCallingCode.strip();
      if (!code.equals("+33") && !code.equals("33")) {
        return null;
      }
    }
    String t = text.strip();
    int start;
    if (t.length() == 10 && t.charAt(0) == '0') {
      start = 1;
    } else if (t.length() == 12 && t.startsWith("+33")) {
      start = 3;
    } else {
      return null;
    }
    if (t.charAt(start) < '1' || t.charAt(start) > '9') {
      return null;
    }
    for (int i = start + 1; i < t.length(); i++) {
      if (t.charAt(i) < '0' || t.charAt(i) > '9') {
        return null;
      }
    }
    return "+33" + t.substring(start);
  }

  static String libphonenumber(String text, String countryCallingCode) {
    String region = "FR";
    if (countryCallingCode != null) {
      String digits = countryCallingCode.strip().replace("+", "");
      if (!digits.matches("[0-9]{1,3}")) {
        return null;
      }
      region = UTIL.getRegionCodeForCountryCode(Integer.parseInt(digits));
      if (region.equals("ZZ") || region.equals("001")) {
        return null;
      }
    }
    try {
      PhoneNumber n = UTIL.parse(text, region);
      return UTIL.isPossibleNumber(n) ? UTIL.format(n, PhoneNumberUtil.PhoneNumberFormat.E164) : null;
    } catch (NumberParseException e) {
      return null;
    }
  }
}
