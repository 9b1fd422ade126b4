package fr.vigie.app.matching;

import fr.vigie.hashing.ContentHashes;
import fr.vigie.hashing.PdqResult;
import fr.vigie.hashing.scan.KnownMatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The active hash sets as a seized-media scan sees them: the scanner's {@code KnownContent} over
 * this feature's index, optionally limited to some sets by name. Categories are named on Vigie's
 * scale ("vigie-0".."vigie-3"); known-good (NSRL) hits are reported as "known-good" and never
 * as material.
 */
public final class KnownContentForScan implements fr.vigie.hashing.scan.KnownContent {

  private final KnownContent index;
  private final Set<String> onlySets;

  /** @param onlySets hash set names to match against; empty for every active set */
  public KnownContentForScan(KnownContent index, Set<String> onlySets) {
    this.index = index;
    this.onlySets = Set.copyOf(onlySets);
  }

  @Override
  public List<KnownMatch> exact(ContentHashes hashes) {
    return convert(index.match(MediaHashes.exact(hashes.md5(), hashes.sha1(), hashes.sha256())));
  }

  @Override
  public List<KnownMatch> similar(PdqResult pdq) {
    return convert(index.match(new MediaHashes(null, null, null, pdq.hash(), pdq.quality(),
        null)));
  }

  private List<KnownMatch> convert(MatchResult result) {
    List<KnownMatch> matches = new ArrayList<>();
    for (var m : result.notable()) {
      if (onlySets.isEmpty() || onlySets.contains(m.setName())) {
        matches.add(new KnownMatch(m.setName(), "vigie-" + m.category(), by(m.algorithm()),
            m.distance()));
      }
    }
    for (var m : result.knownGood()) {
      if (onlySets.isEmpty() || onlySets.contains(m.setName())) {
        matches.add(new KnownMatch(m.setName(), "known-good", by(m.algorithm()), m.distance()));
      }
    }
    return matches;
  }

  private static KnownMatch.By by(String algorithm) {
    return switch (algorithm) {
      case "MD5" -> KnownMatch.By.MD5;
      case "SHA1" -> KnownMatch.By.SHA1;
      case "SHA256" -> KnownMatch.By.SHA256;
      case "PDQ" -> KnownMatch.By.PDQ;
      default -> throw new IllegalArgumentException("unknown algorithm " + algorithm);
    };
  }
}
