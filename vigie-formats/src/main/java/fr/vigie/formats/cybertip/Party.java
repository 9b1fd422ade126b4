package fr.vigie.formats.cybertip;

import java.time.LocalDate;
import java.util.List;

/**
 * A reported person, an intended recipient or a victim, with what identifies them. Text fields
 * are null when absent; lists are never null.
 *
 * @param age as written in {@code age}, or null
 * @param schoolName victims only, else null
 * @param deviceIds the party's {@code deviceId}s
 */
public record Party(Role role, String firstName, String lastName, LocalDate dateOfBirth,
    Integer age, List<Email> emails, List<Phone> phones, List<Address> addresses,
    List<String> screenNames, List<String> displayNames, List<String> espIdentifiers,
    String espService, List<String> profileUrls, String schoolName, List<IpEvent> ipEvents,
    List<DeviceId> deviceIds) {

  /** Where the party sits in the report. */
  public enum Role { REPORTED, INTENDED_RECIPIENT, VICTIM }

  public Party {
    emails = List.copyOf(emails);
    phones = List.copyOf(phones);
    addresses = List.copyOf(addresses);
    screenNames = List.copyOf(screenNames);
    displayNames = List.copyOf(displayNames);
    espIdentifiers = List.copyOf(espIdentifiers);
    profileUrls = List.copyOf(profileUrls);
    ipEvents = List.copyOf(ipEvents);
    deviceIds = List.copyOf(deviceIds);
  }

  /** A party without device ids (typed reports, JSON Lines and CSV have none). */
  public Party(Role role, String firstName, String lastName, LocalDate dateOfBirth, Integer age,
      List<Email> emails, List<Phone> phones, List<Address> addresses, List<String> screenNames,
      List<String> displayNames, List<String> espIdentifiers, String espService,
      List<String> profileUrls, String schoolName, List<IpEvent> ipEvents) {
    this(role, firstName, lastName, dateOfBirth, age, emails, phones, addresses, screenNames,
        displayNames, espIdentifiers, espService, profileUrls, schoolName, ipEvents, List.of());
  }
}
