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

  private static String e164(String text, String countryCallingCode) {
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
