package fr.vigie.app.jobs;

import fr.vigie.app.jobs.internal.PayloadJson;
import java.util.regex.Pattern;

/**
 * A kind of job: its name ({@code jobs.kind}) and the record its payload is. The only way to
 * write a payload, to read one back and to build a dedupe key ({@code <name>:<payload key>}).
 *
 * @param name lower-case letters, digits and dashes, at most 40 characters
 * @param payloadType the record (or sealed interface of records) its payload is
 */
public record JobKind<P extends JobPayload>(String name, Class<P> payloadType) {

  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,39}");

  public JobKind {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("job kind name: lower-case letters, digits and dashes,"
          + " at most 40, got \"" + name + "\"");
    }
  }

  /** Returns the dedupe key of this payload: the kind's name, a colon, the payload's key. */
  public String dedupeKey(P payload) {
    String key = payload.key();
    if (key.isEmpty() || key.length() > 150) {
      throw new IllegalArgumentException("the key of a " + name + " job must have 1 to 150"
          + " characters: \"" + key + "\"");
    }
    return name + ":" + key;
  }

  /** Returns the payload as it is stored: a JSON object. */
  public String write(P payload) {
    return PayloadJson.write(payloadType, payload);
  }

  /**
   * Returns the stored payload as its record.
   *
   * @throws UnreadablePayload with the field and the reason, when it is not
   */
  public P read(String stored) {
    return PayloadJson.read(name, payloadType, stored);
  }

  /** Returns the claimed job's payload as its record (see {@link #read(String)}). */
  public P read(Job job) {
    if (!job.kind().equals(name)) {
      throw new IllegalArgumentException("job " + job.id() + " is a " + job.kind() + " job, not "
          + name);
    }
    try {
      return read(job.payload());
    } catch (UnreadablePayload e) {
      throw new UnreadablePayload("job " + job.id() + " " + e.getMessage(), e.getCause());
    }
  }
}
