package fr.vigie.formats.hashsets;

import java.io.Closeable;
import java.io.IOException;
import java.util.Optional;

/**
 * Reads a hash set one entry at a time, so that sets of millions of entries never sit in memory.
 * A bad entry is a {@link HashRecord.Rejected} and reading goes on; an {@link IOException} means
 * the input itself could not be read (or is not of the format at all).
 */
public interface HashRecordReader extends Closeable {

  /** Returns the next entry, or an empty result at the end of the set. */
  Optional<HashRecord> next() throws IOException;
}
