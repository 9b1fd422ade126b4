package fr.vigie.app.matching;

import fr.vigie.app.jobs.JobPayload;
import java.util.List;

/**
 * The payload of a {@code match-media} job: media items to match (their content just arrived),
 * sorted and distinct. JSON: {@code {"mediaIds":[3,17,18]}}.
 */
record MatchMediaItems(List<Long> mediaIds) implements JobPayload {

  MatchMediaItems {
    if (mediaIds == null || mediaIds.isEmpty()) {
      throw new IllegalArgumentException("mediaIds is empty");
    }
    mediaIds = JobPayload.canonical(mediaIds);
  }

  /** The same items asked for again are the same job. */
  @Override
  public String key() {
    return JobPayload.digestOf(mediaIds);
  }
}
