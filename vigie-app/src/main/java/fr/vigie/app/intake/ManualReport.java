package fr.vigie.app.intake;

/**
 * A report as an analyst types it from a mail or a phone call; every field is the text typed
 * (blank for none). See {@link ManualReports#store}.
 *
 * @param source the code of the source it came from, e.g. {@code SAISIE} (a MANUAL source)
 * @param incidentType the name of a {@code fr.vigie.formats.cybertip.IncidentType}
 * @param incidentTime ISO date and time with its offset, e.g. {@code 2026-11-28T14:30+01:00}
 * @param ipTime when the IP address was seen, with its offset
 */
public record ManualReport(String source, String externalRef, String incidentType,
    String incidentTime, String firstName, String lastName, String email, String phone,
    String screenName, String platform, String ip, String port, String ipTime, String notes) {}
