package fr.vigie.formats.cybertip;

/**
 * The normalisations the readers apply, for values typed by hand (the web form of a report
 * received by mail or phone), so that a typed report is normalised exactly as an imported one.
 */
public final class Normalisers {

  private Normalisers() {}

  /** An e-mail address trimmed and lower-cased, with its canonical key (Gmail rules folded). */
  public static Email email(String text) {
    return Email.of(text);
  }

  /** A phone number in E.164 (region France unless it starts with {@code +}); e164 null if impossible. */
  public static Phone phone(String text) {
    return Phone.of(text, null, null);
  }

  /** The canonical IP address (IPv4, IPv6 RFC 5952, mapped IPv4 folded), or null if invalid. */
  public static String ip(String text) {
    return IpAddresses.canonical(text);
  }
}
