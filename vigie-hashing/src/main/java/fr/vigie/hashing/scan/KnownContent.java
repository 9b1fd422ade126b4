package fr.vigie.hashing.scan;

import fr.vigie.hashing.ContentHashes;
import fr.vigie.hashing.PdqResult;
import java.util.List;

/**
 * The hash sets a scan matches against. The scanner calls it from its worker threads, so an
 * implementation must be <b>thread-safe</b>; it should also be fast, as it is called once or twice
 * per file.
 */
public interface KnownContent {

  /** Matches nothing: a scan that only hashes. */
  KnownContent NONE = new KnownContent() {
    @Override
    public List<KnownMatch> exact(ContentHashes hashes) {
      return List.of();
    }

    @Override
    public List<KnownMatch> similar(PdqResult pdq) {
      return List.of();
    }
  };

  /** Returns the known items with the same MD5, SHA-1 or SHA-256, or an empty list. */
  List<KnownMatch> exact(ContentHashes hashes);

  /**
   * Returns the known images whose PDQ hash is near this one, or an empty list. The implementation
   * chooses the distance threshold and whether to ignore low-quality hashes.
   */
  List<KnownMatch> similar(PdqResult pdq);
}
