package fr.vigie.hashing.scan;

/**
 * Receives the outcomes of a scan as they are produced.
 *
 * <p>Called concurrently from every worker thread, in no particular order: an implementation must
 * be <b>thread-safe</b>. An exception thrown here stops the scan and is rethrown by
 * {@link TreeScanner#scan}.
 */
@FunctionalInterface
public interface ScanSink {

  /** Takes one outcome. */
  void accept(ScanOutcome outcome) throws Exception;

  /** Returns a sink that passes each outcome to this sink, then to the other. */
  default ScanSink andThen(ScanSink other) {
    return outcome -> {
      accept(outcome);
      other.accept(outcome);
    };
  }
}
