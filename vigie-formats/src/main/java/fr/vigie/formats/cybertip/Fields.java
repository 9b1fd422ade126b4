package fr.vigie.formats.cybertip;

import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** Reads and checks the values shared by the parts of a record: IP events, device ids, times. */
final class Fields {

  private Fields() {}

  /** Thrown inside the mappers only; carries the field at fault. */
  static final class Invalid extends RuntimeException {
    final XmlNode node;
    final String path;

    Invalid(XmlNode node, String path, String reason) {
      super(reason, null, false, false);
      this.node = node;
      this.path = path;
    }
  }

  static List<IpEvent> ipEvents(XmlNode parent, String owner) {
    List<IpEvent> out = new ArrayList<>();
    for (XmlNode e : parent.children("ipCaptureEvent")) {
      XmlNode ipNode = required(e, "ipAddress");
      String written = ipNode.rawText();
      String ip = IpAddresses.canonical(written);
      if (ip == null) {
        throw new Invalid(ipNode, ipNode.path(), "invalid IP address " + quote(written));
      }
      Integer port = null;
      XmlNode portNode = e.child("port");
      if (portNode != null && portNode.text() != null) {
        String p = portNode.text();
        if (!p.matches("[0-9]{1,5}") || Integer.parseInt(p) < 1 || Integer.parseInt(p) > 65535) {
          throw new Invalid(portNode, portNode.path(), "port outside 1-65535: " + quote(p));
        }
        port = Integer.parseInt(p);
      }
      XmlNode proxy = e.child("possibleProxy");
      boolean possibleProxy = proxy != null && !"false".equalsIgnoreCase(proxy.keep().text());
      out.add(new IpEvent(written.strip(), ip, port, time(e), eventName(e), possibleProxy,
          owner));
    }
    return out;
  }

  static List<DeviceId> deviceIds(XmlNode parent, String owner) {
    List<DeviceId> out = new ArrayList<>();
    for (XmlNode d : parent.children("deviceId")) {
      String type = required(d, "idType").text();
      if (type.length() > 64) {
        throw new Invalid(d.child("idType"), d.child("idType").path(),
            "idType longer than 64 characters");
      }
      out.add(new DeviceId(type, required(d, "idValue").text(), eventName(d), time(d), owner));
    }
    return out;
  }

  private static IpEventName eventName(XmlNode event) {
    XmlNode nameNode = event.child("eventName");
    if (nameNode == null || nameNode.text() == null) {
      return null;
    }
    IpEventName name = IpEventName.fromText(nameNode.text());
    if (name == null) {
      throw new Invalid(nameNode, nameNode.path(), "unknown eventName " + quote(nameNode.text()));
    }
    return name;
  }

  private static EventTime time(XmlNode event) {
    XmlNode timeNode = event.child("dateTime");
    return timeNode == null || timeNode.text() == null ? null
        : time(timeNode, timeNode.path(), timeNode.text());
  }

  static EventTime time(XmlNode node, String path, String text) {
    try {
      return EventTime.parse(text);
    } catch (DateTimeParseException e) {
      throw new Invalid(node, path, "impossible or malformed dateTime " + quote(text));
    }
  }

  /** The child, which must be there and, unless a container, hold text. */
  static XmlNode required(XmlNode parent, String name) {
    XmlNode c = parent.child(name);
    if (c == null || (c.children().isEmpty() && c.text() == null && !isContainer(name))) {
      throw new Invalid(c == null ? parent : c, parent.path() + "/" + name, "missing " + name);
    }
    return c;
  }

  private static boolean isContainer(String name) {
    return name.equals("incidentSummary") || name.equals("reporter");
  }

  /** The names of the flag elements under {@code parent} (all kept), as written. */
  static List<String> flags(XmlNode parent) {
    List<String> out = new ArrayList<>();
    if (parent != null) {
      parent.keep();
      for (XmlNode f : parent.children()) {
        out.add(f.keep().name);
      }
    }
    return out;
  }

  static List<String> texts(XmlNode parent, String name) {
    List<String> out = new ArrayList<>();
    for (XmlNode n : parent.children(name)) {
      if (n.text() != null) {
        out.add(n.text());
      }
    }
    return out;
  }

  static String quote(String value) {
    String v = value == null ? "" : value.strip();
    return "\"" + (v.length() > 100 ? v.substring(0, 100) + "…" : v) + "\"";
  }
}
