package fr.vigie.formats.cybertip;

/**
 * One {@code ipCaptureEvent} and who it belongs to.
 *
 * @param ipOriginal the address as written
 * @param ip canonical: IPv4 dotted decimal, IPv6 compressed lower-case (RFC 5952), IPv4-mapped
 *     IPv6 folded to IPv4
 * @param port 1 to 65535, or null
 * @param time null when no dateTime was given ({@link #noTime()})
 * @param eventName null when absent
 * @param owner the element it came from, e.g. {@code personOrUserReported[1]},
 *     {@code victim[2]}, {@code peer2peerIncident[1]}, {@code fileDetails[3]}
 */
public record IpEvent(String ipOriginal, String ip, Integer port, EventTime time,
    IpEventName eventName, boolean possibleProxy, String owner) {

  /** True when the event has no date and time at all. */
  public boolean noTime() {
    return time == null;
  }

  /** True when a date and time was given but without an offset. */
  public boolean noTimeZone() {
    return time != null && time.noTimeZone();
  }
}
