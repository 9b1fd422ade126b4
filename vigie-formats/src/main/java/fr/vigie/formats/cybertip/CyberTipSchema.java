package fr.vigie.formats.cybertip;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The element and attribute paths of the CyberTipline schema as docs/formats.md §1 rebuilds it
 * (shared formats.md: three clients and NCMEC's example; the XSD itself was not at hand), used
 * to tell a field Vigie does not map from one the schema does not have. Paths start at
 * {@code report} or {@code fileDetails}, without indexes: {@code report/victim/victimPerson/email/@type}.
 */
final class CyberTipSchema {

  private static final Set<String> PATHS = new HashSet<>();
  private static final Set<String> CONTAINERS = new HashSet<>();

  private CyberTipSchema() {}

  /** True when §1 names this path (element or {@code @attribute}). */
  static boolean known(String path) {
    return PATHS.contains(path);
  }

  /** True when §1 gives this element children: empty, it holds nothing to list. */
  static boolean container(String path) {
    return CONTAINERS.contains(path);
  }

  /** Every path, for the tests that check each one is kept or listed. */
  static Set<String> paths() {
    return Set.copyOf(PATHS);
  }

  /** {@code cyberTip/report/victim[2]/email[1]/@type} → {@code report/victim/email/@type}. */
  static String schemaPath(String path) {
    String p = path.replaceAll("\\[[0-9]+]", "");
    return p.startsWith("cyberTip/") ? p.substring("cyberTip/".length()) : p;
  }

  private static void add(String base, String... leaves) {
    PATHS.add(base);
    for (String leaf : leaves) {
      PATHS.add(base + "/" + leaf);
      if (!leaf.startsWith("@") && !leaf.contains("/@")) {
        markContainer(base);
      }
    }
  }

  private static void markContainer(String path) {
    PATHS.add(path);
    CONTAINERS.add(path);
    int slash = path.lastIndexOf('/');
    if (slash > 0) {
      markContainer(path.substring(0, slash));
    }
  }

  private static void email(String path) {
    PATHS.add(path);
    markContainer(path.substring(0, path.lastIndexOf('/')));
    PATHS.add(path + "/@type");
    PATHS.add(path + "/@verified");
    PATHS.add(path + "/@verificationDate");
  }

  private static void phone(String path) {
    email(path);
    PATHS.add(path + "/@countryCallingCode");
    PATHS.add(path + "/@extension");
  }

  private static void address(String path) {
    add(path, "@type", "address", "city", "zipCode", "state", "nonUsaState", "country");
  }

  private static void person(String path) {
    contactPerson(path);
    add(path, "age", "dateOfBirth");
  }

  /** A contact (reporter's contact, officer): a person without age or date of birth. */
  private static void contactPerson(String path) {
    add(path, "firstName", "lastName");
    phone(path + "/phone");
    email(path + "/email");
    address(path + "/address");
  }

  private static void ipCaptureEvent(String path) {
    add(path, "ipAddress", "eventName", "dateTime", "possibleProxy", "port");
  }

  private static void deviceId(String path) {
    add(path, "idType", "idValue", "eventName", "dateTime");
  }

  /** What personOrUserReported, intendedRecipient and victim share besides their person. */
  private static void identity(String path) {
    add(path, "vehicleDescription", "espIdentifier", "espService", "compromisedAccount",
        "screenName", "displayName", "profileUrl", "profileBio", "thirdPartyUserReported",
        "priorCTReports", "groupIdentifier", "allEmailsReported", "associatedAccount",
        "additionalInfo");
    ipCaptureEvent(path + "/ipCaptureEvent");
    deviceId(path + "/deviceId");
    add(path + "/estimatedLocation", "@verified", "@timestamp", "city", "region", "countryCode");
  }

  static {
    String r = "report";
    add(r, "additionalInfo");
    add(r + "/batchedReport", "@reason");
    String s = r + "/incidentSummary";
    add(s, "incidentType", "platform", "escalateToHighPriority", "incidentDateTime",
        "incidentDateTimeDescription");
    add(s + "/reportAnnotations", "sextortion", "csamSolicitation", "minorToMinorInteraction",
        "spam", "sadisticOnlineExploitation", "informational");

    String i = r + "/internetDetails";
    add(i + "/webPageIncident", "@thirdPartyHostedContent", "url", "additionalInfo");
    add(i + "/emailIncident", "content", "additionalInfo");
    email(i + "/emailIncident/emailAddress");
    add(i + "/newsgroupIncident", "name", "content", "additionalInfo");
    email(i + "/newsgroupIncident/emailAddress");
    add(i + "/chatImIncident", "chatClient", "chatRoomName", "content", "additionalInfo");
    add(i + "/onlineGamingIncident", "gameName", "console", "content", "additionalInfo");
    add(i + "/cellPhoneIncident", "latitude", "longitude", "additionalInfo");
    phone(i + "/cellPhoneIncident/phoneNumber");
    add(i + "/nonInternetIncident", "locationName", "additionalInfo");
    address(i + "/nonInternetIncident/incidentAddress");
    add(i + "/peer2peerIncident", "client", "fileNames", "additionalInfo");
    ipCaptureEvent(i + "/peer2peerIncident/ipCaptureEvent");

    String le = r + "/lawEnforcement";
    add(le, "agencyName", "caseNumber", "reportedToLe", "servedLegalProcessDomestic",
        "servedLegalProcessInternational", "servedLegalProcessInternational/@fleaCountry");
    contactPerson(le + "/officerContact");

    String rep = r + "/reporter";
    add(rep, "companyTemplate", "termsOfService", "legalURL");
    person(rep + "/reportingPerson");
    contactPerson(rep + "/contactPerson");

    for (List<String> party : List.of(
        List.of("personOrUserReported", "personOrUserReportedPerson"),
        List.of("intendedRecipient", "intendedRecipientPerson"),
        List.of("victim", "victimPerson"))) {
      String p = r + "/" + party.get(0);
      identity(p);
      person(p + "/" + party.get(1));
    }
    for (String disabled : List.of("accountTemporarilyDisabled", "accountPermanentlyDisabled")) {
      add(r + "/intendedRecipient", disabled, disabled + "/@disabledDate",
          disabled + "/@reenabledDate");
    }
    add(r + "/victim", "schoolName");

    String f = "fileDetails";
    add(f, "reportId", "fileId", "originalFileName", "uploadedToEspTimestamp", "locationOfFile",
        "fileViewedByEsp", "exifViewedByEsp", "publiclyAvailable", "fileRelevance",
        "industryClassification", "originalFileHash", "originalFileHash/@hashType",
        "additionalInfo");
    add(f + "/fileAnnotations", "animeDrawingVirtualHentai", "potentialMeme", "viral",
        "possibleSelfProduction", "physicalHarm", "violenceGore", "bestiality", "liveStreaming",
        "infant", "generativeAi");
    ipCaptureEvent(f + "/ipCaptureEvent");
    deviceId(f + "/deviceId");
    add(f + "/details", "@type");
    add(f + "/details/nameValuePair", "@type", "name", "value");
  }
}
