package fr.vigie.formats.cybertip;

/** A postal address as written; any part may be null. {@code country} is ISO alpha-2. */
public record Address(String type, String street, String city, String zipCode, String state,
    String country) {}
