package fr.vigie.hashing.scan;

import fr.vigie.hashing.ContentHashes;
import fr.vigie.hashing.PdqResult;
import java.util.List;
import java.util.Optional;

/** The flat fields both writers print for an outcome; empty strings where a field does not apply. */
record OutcomeFields(String path, String outcome, String size, String modified, String md5,
    String sha1, String sha256, String pdq, String pdqQuality, String reason, String detail,
    List<KnownMatch> matches) {

  static final List<String> NAMES = List.of("path", "outcome", "size", "modified", "md5", "sha1",
      "sha256", "pdq", "pdq_quality", "reason", "detail", "matches");

  static OutcomeFields of(ScanOutcome outcome) {
    String path = outcome.path().toString();
    return switch (outcome) {
      case ScanOutcome.Hashed h -> withHashes(path, "hashed", h.modified().toString(),
          Optional.of(h.hashes()), h.pdq(), "", "", h.matches());
      case ScanOutcome.Unreadable u -> withHashes(path, "unreadable", "", u.hashes(),
          Optional.empty(), u.reason().name(), u.detail(), u.matches());
      case ScanOutcome.Skipped s -> new OutcomeFields(path, "skipped", "", "", "", "", "", "", "",
          s.kind().name(), s.detail(), List.of());
    };
  }

  private static OutcomeFields withHashes(String path, String outcome, String modified,
      Optional<ContentHashes> hashes, Optional<PdqResult> pdq, String reason, String detail,
      List<KnownMatch> matches) {
    ContentHashes h = hashes.orElse(null);
    PdqResult p = pdq.orElse(null);
    return new OutcomeFields(path, outcome, h == null ? "" : Long.toString(h.size()), modified,
        h == null ? "" : h.md5(), h == null ? "" : h.sha1(), h == null ? "" : h.sha256(),
        p == null ? "" : p.hash().toHex(), p == null ? "" : Integer.toString(p.quality()),
        reason, detail, matches);
  }

  List<String> values() {
    return List.of(path, outcome, size, modified, md5, sha1, sha256, pdq, pdqQuality, reason,
        detail, matchesText());
  }

  /** Matches as {@code hashSet:category:BY:distance}, separated by {@code ;}. */
  String matchesText() {
    StringBuilder b = new StringBuilder();
    for (KnownMatch m : matches) {
      if (!b.isEmpty()) {
        b.append(';');
      }
      b.append(m.hashSet()).append(':').append(m.category()).append(':').append(m.by())
          .append(':').append(m.distance());
    }
    return b.toString();
  }
}
