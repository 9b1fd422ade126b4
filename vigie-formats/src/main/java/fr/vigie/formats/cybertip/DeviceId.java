package fr.vigie.formats.cybertip;

/**
 * One {@code deviceId} (an IMEI, an ICCID, a Wi-Fi SSID…) and who it belongs to.
 *
 * @param idType as written, free text ({@code IMEI}, {@code ICCID}, {@code SSID}…)
 * @param idValue as written, trimmed; never turned into a number (an IMEI may start with 0)
 * @param eventName null when absent
 * @param time null when no dateTime was given
 * @param owner the element it came from, e.g. {@code personOrUserReported[1]},
 *     {@code victim[2]}, {@code fileDetails[3]}
 */
public record DeviceId(String idType, String idValue, IpEventName eventName, EventTime time,
    String owner) {}
