package fr.vigie.app.p2p;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Why a torrent is watched: a case, a hash-set entry, a partner's list or a report's
 * {@code peer2peerIncident}, and which one ({@code ref}: the case reference, the entry, the list's
 * name, the report's number).
 */
public record Provenance(Kind kind, String ref) {

  /** The kinds, with the word the command line uses for each. */
  public enum Kind {
    CASE("case"), HASH_SET_ENTRY("hashset"), PARTNER_LIST("partner"), REPORT("report");

    private final String word;

    Kind(String word) {
      this.word = word;
    }

    public String word() {
      return word;
    }

    static Optional<Kind> ofWord(String w) {
      String t = w.strip().toLowerCase(Locale.ROOT);
      for (Kind k : values()) {
        if (k.word.equals(t) || k.name().toLowerCase(Locale.ROOT).equals(t)) {
          return Optional.of(k);
        }
      }
      return Optional.empty();
    }
  }

  public Provenance {
    Objects.requireNonNull(kind, "kind");
    ref = ref == null ? "" : ref.strip();
    if (ref.isEmpty() || ref.length() > 200) {
      throw new IllegalArgumentException("a provenance reference is 1 to 200 characters: \""
          + ref + "\"");
    }
  }

  /**
   * Reads {@code KIND:REF} ({@code case:OFMIN-2026-0042}, {@code hashset:…}, {@code partner:…},
   * {@code report:…}).
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  public static Provenance parse(String text) {
    int colon = text == null ? -1 : text.indexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException("provenance is KIND:REF with KIND one of case, "
          + "hashset, partner, report: \"" + text + "\"");
    }
    Kind kind = Kind.ofWord(text.substring(0, colon)).orElseThrow(() ->
        new IllegalArgumentException("unknown provenance kind \"" + text.substring(0, colon)
            + "\": case, hashset, partner or report"));
    return new Provenance(kind, text.substring(colon + 1));
  }

  @Override
  public String toString() {
    return kind.word() + ":" + ref;
  }
}
