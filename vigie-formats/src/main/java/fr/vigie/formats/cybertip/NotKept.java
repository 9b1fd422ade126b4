package fr.vigie.formats.cybertip;

import java.util.Objects;

/**
 * A value of the XML that the record has no field for: kept only in the raw record, and listed
 * so that an analyst sees what was not read ({@link CyberTip#notKept()}).
 *
 * @param path where it sits, as in rejections: {@code cyberTip/report/lawEnforcement/agencyName},
 *     {@code report/personOrUserReported/deviceId[2]/idValue},
 *     {@code fileDetails[1]/originalFileHash/@hashType} (an index only where a name repeats)
 * @param value the trimmed text of the element or the attribute's value, "" when empty (a flag)
 * @param kind whether the schema (docs/formats.md §1) names it
 */
public record NotKept(String path, String value, Kind kind) {

  /** Why the value has no field. */
  public enum Kind {
    /** An element or attribute of the CyberTipline schema that Vigie does not map (yet). */
    NOT_MAPPED,
    /** Not in the schema at all: a newer field, a typo, or a field in the wrong place. */
    UNKNOWN
  }

  public NotKept {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(kind, "kind");
  }
}
