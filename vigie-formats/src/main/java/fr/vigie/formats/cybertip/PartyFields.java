package fr.vigie.formats.cybertip;

import static fr.vigie.formats.cybertip.Fields.quote;
import static fr.vigie.formats.cybertip.Fields.texts;

import fr.vigie.formats.cybertip.Fields.Invalid;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** Reads a {@code personOrUserReported}, an {@code intendedRecipient} or a {@code victim}. */
final class PartyFields {

  private PartyFields() {}

  /** The parties {@code report} holds under {@code element}; their IP events go to {@code all}. */
  static List<Party> parties(XmlNode report, String element, String personElement,
      Party.Role role, List<IpEvent> all) {
    List<Party> out = new ArrayList<>();
    List<XmlNode> nodes = report.children(element);
    for (int i = 0; i < nodes.size(); i++) {
      Party party = party(nodes.get(i), personElement, role, element + "[" + (i + 1) + "]");
      out.add(party);
      all.addAll(party.ipEvents());
    }
    return out;
  }

  private static Party party(XmlNode node, String personElement, Party.Role role, String owner) {
    XmlNode person = node.child(personElement);
    String firstName = null;
    String lastName = null;
    LocalDate dob = null;
    Integer age = null;
    List<Email> emails = new ArrayList<>();
    List<Phone> phones = new ArrayList<>();
    List<Address> addresses = new ArrayList<>();
    if (person != null) {
      firstName = person.text("firstName");
      lastName = person.text("lastName");
      XmlNode dobNode = person.child("dateOfBirth");
      if (dobNode != null && dobNode.text() != null) {
        try {
          dob = LocalDate.parse(dobNode.text());
        } catch (DateTimeParseException e) {
          throw new Invalid(dobNode, dobNode.path(), "impossible date " + quote(dobNode.text()));
        }
      }
      XmlNode ageNode = person.child("age");
      if (ageNode != null && ageNode.text() != null) {
        if (!ageNode.text().matches("[0-9]{1,3}") || Integer.parseInt(ageNode.text()) > 130) {
          throw new Invalid(ageNode, ageNode.path(), "age must be 0 to 130: "
              + quote(ageNode.text()));
        }
        age = Integer.parseInt(ageNode.text());
      }
      for (XmlNode e : person.children("email")) {
        if (e.text() != null) {
          emails.add(Email.of(e.rawText()));
        }
      }
      for (XmlNode p : person.children("phone")) {
        if (p.text() != null) {
          phones.add(Phone.of(p.text(), p.attr("countryCallingCode"), p.attr("extension")));
        }
      }
      for (XmlNode a : person.children("address")) {
        // Address has one state: a nonUsaState beside a state is listed as not kept.
        String state = a.text("state") != null ? a.text("state") : a.text("nonUsaState");
        addresses.add(new Address(a.attr("type"), a.text("address"), a.text("city"),
            a.text("zipCode"), state, a.text("country")));
      }
    }
    return new Party(role, firstName, lastName, dob, age, emails, phones, addresses,
        texts(node, "screenName"), texts(node, "displayName"), texts(node, "espIdentifier"),
        node.text("espService"), texts(node, "profileUrl"),
        role == Party.Role.VICTIM ? node.text("schoolName") : null,
        Fields.ipEvents(node, owner), Fields.deviceIds(node, owner));
  }
}
