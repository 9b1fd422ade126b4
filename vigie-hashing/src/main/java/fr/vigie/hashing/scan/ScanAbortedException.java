package fr.vigie.hashing.scan;

/**
 * Thrown when a scan stops before the end because the sink threw or a worker hit a bug; the cause
 * is the first such failure. Failures on individual files never stop a scan: they are outcomes.
 */
public final class ScanAbortedException extends RuntimeException {

  public ScanAbortedException(String message, Throwable cause) {
    super(message, cause);
  }
}
