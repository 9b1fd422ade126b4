package fr.vigie.app.triage;

import java.util.Locale;

/**
 * The risk factors Vigie scores, each grounded in a published tool (docs/triage.md says which).
 * The key is what the weights file, the stored JSON and the queue filter use.
 */
public enum Factor {
  /** Job, household or volunteering with children (KIRAT step 2, CASIC). */
  ACCESS_TO_CHILDREN,
  /** Grooming, enticement, sextortion, a named child victim (KIRAT step 3, CASIC). */
  CONTACT_WITH_MINORS,
  /** Hashed media that no set knows: possibly new abuse (victim identification priority). */
  UNKNOWN_MATERIAL,
  /** Signs the suspect produced material (KIRAT step 3: producing images). */
  SELF_PRODUCED,
  /** The most severe category of matched material (Vigie scale 1..3). */
  SEVERITY,
  /** How many media items the suspect's reports hold. */
  VOLUME,
  /** How long the activity spans (CASIC: interest over two years or more). */
  DURATION,
  /** Uploading or sharing rather than possessing only. */
  DISTRIBUTION,
  /** Videos among the material (CASIC). */
  VIDEOS,
  /** Prior sexual conviction or an entry in the sex offender registry (KIRAT step 1, CPORT). */
  PRIOR_RECORD,
  /** Age 35 or under, when known (CPORT). */
  AGE;

  /** Returns the key used in files and URLs, e.g. "unknown_material". */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Returns the factor for a key such as "unknown_material"; throws on an unknown one. */
  public static Factor ofKey(String key) {
    return valueOf(key.toUpperCase(Locale.ROOT));
  }
}
