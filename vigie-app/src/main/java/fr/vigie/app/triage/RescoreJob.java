package fr.vigie.app.triage;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import fr.vigie.app.jobs.JobPayload;
import java.util.List;

/**
 * The payload of a {@code triage-rescore} job: whom to score again. JSON with its type first:
 * {@code {"type":"all","weightsVersion":"2026.1"}}, {@code {"type":"import","importJobId":42}},
 * {@code {"type":"suspects","suspectIds":[3,9]}}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = RescoreJob.Everyone.class, name = "all"),
    @JsonSubTypes.Type(value = RescoreJob.ImportRun.class, name = "import"),
    @JsonSubTypes.Type(value = RescoreJob.Suspects.class, name = "suspects")})
public sealed interface RescoreJob extends JobPayload {

  /**
   * Every active suspect, with the weights loaded when it runs.
   *
   * @param weightsVersion the version that asked for it (for the record; the job scores with
   *     the weights loaded then)
   */
  record Everyone(String weightsVersion) implements RescoreJob {
    public Everyone {
      if (weightsVersion == null || weightsVersion.isBlank()) {
        throw new IllegalArgumentException("weightsVersion is missing");
      }
    }

    /** One such job whatever the version: the latest request's payload replaces the last. */
    @Override
    public String key() {
      return "all";
    }
  }

  /** The suspects whose identifiers appear in one import run's reports. */
  record ImportRun(long importJobId) implements RescoreJob {
    public ImportRun {
      if (importJobId <= 0) {
        throw new IllegalArgumentException("importJobId must be positive: " + importJobId);
      }
    }

    @Override
    public String key() {
      return "import:" + importJobId;
    }
  }

  /** These suspects (linking changed them), sorted and distinct. */
  record Suspects(List<Long> suspectIds) implements RescoreJob {
    public Suspects {
      if (suspectIds == null || suspectIds.isEmpty()) {
        throw new IllegalArgumentException("suspectIds is empty");
      }
      suspectIds = JobPayload.canonical(suspectIds);
    }

    @Override
    public String key() {
      return "suspects:" + JobPayload.digestOf(suspectIds);
    }
  }
}
