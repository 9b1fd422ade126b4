package fr.vigie.app.demo;

import fr.vigie.app.intake.ReportDraft;
import fr.vigie.app.matching.HashSetDraft;
import fr.vigie.hashing.ContentDigester;
import fr.vigie.hashing.ContentHashes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Generates the demo data set: the same reports for the same seed and count, on any machine.
 *
 * <p>Reports spread over 1 January to 31 October 2026, name a few hundred invented people (some in
 * several reports, so that linking has something to find), use only documentation address ranges
 * (RFC 5737, RFC 3849), reserved example domains (RFC 2606) and phone numbers ARCEP reserves for
 * fiction. About a fifth of the files are in the demo hash set.
 */
public final class SyntheticData {

  /**
   * The demo data: reports, the hash set they partly match, and suspects already put together
   * from the most frequent people (linking proper comes with its own issue).
   */
  public record DataSet(List<ReportDraft> reports, HashSetDraft hashSet,
      List<SuspectSeed> suspects) {}

  /** A suspect of the demo: who, which département (hence which unit), which identifiers. */
  public record SuspectSeed(String reference, String displayName, String departementCode,
      Instant firstSeen, List<ReportDraft.Identifier> identifiers) {}

  /** Départements the demo's suspects live in, so that several units have work. */
  static final String[] SUSPECT_DEPARTEMENTS = {"69", "35", "13", "33", "59", "75", "67", "974",
      "2A", "44", "31", "38", "92", "29"};
  static final int SUSPECTS = 60;

  static final String[] SOURCES = {"DEMO-NCMEC", "DEMO-PLATEFORME", "DEMO-PHAROS"};
  static final String HASH_SET_NAME = "Démo — jeu de référence synthétique";
  static final String HASH_SET_VERSION = "2026.1";

  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  private static final long SPAN_SECONDS = Duration.between(START,
      Instant.parse("2026-11-01T00:00:00Z")).toSeconds();
  private static final String[] INCIDENT_TYPES = {
      "Child Pornography (possession, manufacture, and distribution)",
      "Online Enticement of Children for Sexual Acts",
      "Unsolicited Obscene Material Sent to a Child",
      "Child Sex Trafficking",
      "Misleading Words or Digital Images on the Internet"};
  private static final int[] INCIDENT_WEIGHTS = {84, 9, 4, 1, 2};
  private static final String[] FIRST = {"Alix", "Bastien", "Camille", "Dorian", "Elouan",
      "Fanny", "Gaspard", "Hugo", "Inès", "Jules", "Killian", "Léna", "Malo", "Nolan", "Océane",
      "Paco", "Quentin", "Rayan", "Solène", "Tristan", "Ugo", "Valentin", "Wendy", "Yanis", "Zoé"};
  private static final String[] LAST = {"Abadie", "Bellec", "Carrère", "Delmas", "Esnault",
      "Fabre", "Guérin", "Hervouet", "Issartel", "Jacquot", "Kerbrat", "Lagarde", "Marchal",
      "Nédélec", "Ollivier", "Peyrot", "Quéré", "Rivals", "Sabatier", "Tessier", "Urvoy",
      "Vidal", "Weber", "Ygouf", "Zanetti"};
  private static final String[] DOMAINS = {"example.com", "example.net", "example.org"};
  private static final String[] PLATFORMS = {"Messagerie Exemple", "Réseau Démo", "Hébergeur Test"};
  private static final String[] OFFSETS = {"+00:00", "+01:00", "+02:00", "-05:00", "-07:00"};
  private static final int KNOWN_FILES = 400;

  private SyntheticData() {}

  /** Returns {@code reportCount} reports and the hash set, determined by {@code seed} alone. */
  public static DataSet generate(int reportCount, long seed) {
    Random random = new Random(seed);
    ContentDigester digester = new ContentDigester();
    List<ContentHashes> known = new ArrayList<>(KNOWN_FILES);
    for (int k = 0; k < KNOWN_FILES; k++) {
      known.add(digester.digest(syntheticContent("known", k)));
    }
    List<Persona> personas = new ArrayList<>();
    int personaCount = Math.max(1, reportCount * 2 / 5);
    for (int p = 0; p < personaCount; p++) {
      personas.add(Persona.invent(p, random));
    }
    List<ReportDraft> reports = new ArrayList<>(reportCount);
    int unknownFiles = 0;
    for (int r = 0; r < reportCount; r++) {
      // Skewed choice: a few people appear in many reports, most in one or two.
      Persona persona = personas.get((int) (personaCount * Math.pow(random.nextDouble(), 1.6)));
      Instant received = START.plusSeconds((long) (random.nextDouble() * SPAN_SECONDS));
      Instant incident = received.minusSeconds(random.nextInt(20 * 24 * 3600));
      String source = SOURCES[random.nextInt(10) < 8 ? 0 : 1 + random.nextInt(2)];
      String type = INCIDENT_TYPES[weighted(random, INCIDENT_WEIGHTS)];

      List<ReportDraft.Identifier> identifiers = new ArrayList<>();
      identifiers.add(new ReportDraft.Identifier("EMAIL", null, persona.email, persona.email,
          persona.email));
      if (random.nextInt(3) == 0) {
        identifiers.add(new ReportDraft.Identifier("PHONE", null, persona.phoneAsWritten,
            persona.phone, persona.phone));
      }
      String platform = PLATFORMS[persona.number % PLATFORMS.length];
      identifiers.add(new ReportDraft.Identifier("SCREEN_NAME", platform, persona.screenName,
          persona.screenName, persona.screenName.toLowerCase(Locale.ROOT)));

      List<ReportDraft.IpEvent> events = new ArrayList<>();
      int eventCount = 1 + random.nextInt(4);
      for (int e = 0; e < eventCount; e++) {
        Instant at = incident.minusSeconds(random.nextInt(3 * 24 * 3600));
        boolean v6 = random.nextInt(5) == 0;
        String ip = v6 ? persona.ipv6 : persona.ipv4;
        Integer port = random.nextInt(10) < 6 ? 1024 + random.nextInt(64512) : null;
        // A few sources forget the zone: kept as such, flagged, never assumed.
        String offset = random.nextInt(33) == 0 ? null : OFFSETS[random.nextInt(OFFSETS.length)];
        events.add(new ReportDraft.IpEvent(ip, ip, v6 ? 6 : 4, port, at, offset,
            random.nextBoolean() ? "Upload" : "Login"));
      }

      List<ReportDraft.MediaFile> media = new ArrayList<>();
      int fileCount = 1 + random.nextInt(5);
      for (int f = 0; f < fileCount; f++) {
        ContentHashes h = random.nextInt(5) == 0
            ? known.get(random.nextInt(KNOWN_FILES))
            : digester.digest(syntheticContent("unknown", unknownFiles++));
        media.add(new ReportDraft.MediaFile(
            String.format(Locale.ROOT, "fichier_%06d_%d.jpg", r, f),
            1000 + random.nextInt(4_000_000), h.md5(), h.sha1(), h.sha256()));
      }
      String externalId = String.format(Locale.ROOT, "DEMO-%06d", r + 1);
      String contentKey = digester.digest((source + externalId + type + received + persona.email)
          .getBytes(StandardCharsets.UTF_8)).sha256();
      reports.add(new ReportDraft(source, externalId, contentKey, type, incident, received,
          platform, "FR", identifiers, events, media));
    }
    return new DataSet(reports, hashSet(known, random), suspects(reports, personas));
  }

  /** The first people in report order become suspects; every seventh is not attributed yet. */
  private static List<SuspectSeed> suspects(List<ReportDraft> reports, List<Persona> personas) {
    java.util.Map<String, Persona> byEmail = new java.util.HashMap<>();
    personas.forEach(p -> byEmail.put(p.email, p));
    java.util.LinkedHashMap<String, Instant> firstSeen = new java.util.LinkedHashMap<>();
    for (ReportDraft r : reports) {
      firstSeen.merge(r.identifiers().getFirst().canonicalKey(), r.receivedAt(),
          (a, b) -> a.isBefore(b) ? a : b);
    }
    List<SuspectSeed> seeds = new ArrayList<>();
    for (var e : firstSeen.entrySet()) {
      if (seeds.size() == SUSPECTS) {
        break;
      }
      Persona p = byEmail.get(e.getKey());
      int n = seeds.size();
      String departement = n % 7 == 6 ? null
          : SUSPECT_DEPARTEMENTS[n % SUSPECT_DEPARTEMENTS.length];
      seeds.add(new SuspectSeed(String.format(Locale.ROOT, "S-2026-%05d", n + 1),
          p.first + " " + p.last.toUpperCase(Locale.ROOT), departement, e.getValue(), List.of(
              new ReportDraft.Identifier("EMAIL", null, p.email, p.email, p.email),
              new ReportDraft.Identifier("PHONE", null, p.phoneAsWritten, p.phone, p.phone),
              new ReportDraft.Identifier("SCREEN_NAME", null, p.screenName, p.screenName,
                  p.screenName.toLowerCase(Locale.ROOT)))));
    }
    return seeds;
  }

  private static HashSetDraft hashSet(List<ContentHashes> known, Random random) {
    List<HashSetDraft.Entry> entries = new ArrayList<>();
    for (int k = 0; k < known.size(); k++) {
      int category = 1 + random.nextInt(3);
      String series = "Série démo " + (char) ('A' + k % 8);
      entries.add(new HashSetDraft.Entry("SHA256", known.get(k).sha256(), category,
          Integer.toString(category), series));
      entries.add(new HashSetDraft.Entry("MD5", known.get(k).md5(), category,
          Integer.toString(category), series));
    }
    return new HashSetDraft(HASH_SET_NAME, HASH_SET_VERSION, "DEMO", "NOTABLE",
        "Vigie (données synthétiques)", LocalDate.of(2026, 1, 1),
        "Démonstration — aucun contenu réel", entries);
  }

  private static byte[] syntheticContent(String kind, int n) {
    return ("vigie-demo-" + kind + "-" + n).getBytes(StandardCharsets.US_ASCII);
  }

  private static int weighted(Random random, int[] weights) {
    int total = 0;
    for (int w : weights) {
      total += w;
    }
    int pick = random.nextInt(total);
    for (int i = 0; i < weights.length; i++) {
      pick -= weights[i];
      if (pick < 0) {
        return i;
      }
    }
    throw new IllegalStateException("weights must be positive");
  }

  /** An invented person with stable identifiers. */
  private record Persona(int number, String first, String last, String email, String phone,
      String phoneAsWritten, String screenName, String ipv4, String ipv6) {

    static Persona invent(int n, Random random) {
      String first = FIRST[random.nextInt(FIRST.length)];
      String last = LAST[random.nextInt(LAST.length)];
      String local = ascii(first + "." + last).toLowerCase(Locale.ROOT) + n;
      String email = local + "@" + DOMAINS[n % DOMAINS.length];
      // ARCEP reserves 06 39 98 00 00 – 06 39 98 99 99 for fiction.
      String digits = String.format(Locale.ROOT, "%04d", n % 10000);
      String phone = "+3363998" + digits;
      String written = "06 39 98 " + digits.substring(0, 2) + " " + digits.substring(2);
      String[] ranges = {"192.0.2.", "198.51.100.", "203.0.113."};
      String ipv4 = ranges[n % 3] + (1 + (n / 3) % 254);
      String ipv6 = String.format(Locale.ROOT, "2001:db8:%x::%x", n % 65536, 1 + random.nextInt(4096));
      String screen = ascii(first).toLowerCase(Locale.ROOT) + "_" + Integer.toString(n, 36);
      return new Persona(n, first, last, email, phone, written, screen, ipv4, ipv6);
    }

    private static String ascii(String s) {
      return java.text.Normalizer.normalize(s, java.text.Normalizer.Form.NFD)
          .replaceAll("\\p{M}", "");
    }
  }
}
