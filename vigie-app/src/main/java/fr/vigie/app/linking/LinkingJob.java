package fr.vigie.app.linking;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import fr.vigie.app.jobs.JobPayload;

/**
 * The payload of a {@code link-suspects} job: what to link. JSON with its type first:
 * {@code {"type":"import","importJobId":42}}, {@code {"type":"answer","answerId":7}},
 * {@code {"type":"rebuild"}}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = LinkingJob.Import.class, name = "import"),
    @JsonSubTypes.Type(value = LinkingJob.Answer.class, name = "answer"),
    @JsonSubTypes.Type(value = LinkingJob.Rebuild.class, name = "rebuild")})
public sealed interface LinkingJob extends JobPayload {

  /** The reported identifiers of one import run's reports. */
  record Import(long importJobId) implements LinkingJob {
    public Import {
      if (importJobId <= 0) {
        throw new IllegalArgumentException("importJobId must be positive: " + importJobId);
      }
    }

    @Override
    public String key() {
      return "import:" + importJobId;
    }
  }

  /** The subscribers one operator's answer identified. */
  record Answer(long answerId) implements LinkingJob {
    public Answer {
      if (answerId <= 0) {
        throw new IllegalArgumentException("answerId must be positive: " + answerId);
      }
    }

    @Override
    public String key() {
      return "answer:" + answerId;
    }
  }

  /** Everything, from scratch. */
  record Rebuild() implements LinkingJob {
    @Override
    public String key() {
      return "rebuild";
    }
  }
}
