package fr.vigie.formats.cybertip;

/** The {@code eventName} of an {@code ipCaptureEvent}, matched ignoring case. */
public enum IpEventName {
  LOGIN, REGISTRATION, PURCHASE, UPLOAD, OTHER, UNKNOWN;

  public static IpEventName fromText(String text) {
    for (IpEventName n : values()) {
      if (n.name().equalsIgnoreCase(text.strip())) {
        return n;
      }
    }
    return null;
  }
}
