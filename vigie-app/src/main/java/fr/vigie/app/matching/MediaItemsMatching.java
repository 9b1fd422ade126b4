package fr.vigie.app.matching;

import fr.vigie.app.jobs.Job;
import fr.vigie.app.jobs.JobHandler;
import java.util.Arrays;
import org.springframework.stereotype.Component;

/** Runs "match-media" jobs: the media items named in the payload (ids, comma-separated). */
@Component
class MediaItemsMatching implements JobHandler {

  static final String KIND = "match-media";

  private final MediaMatching matching;

  MediaItemsMatching(MediaMatching matching) {
    this.matching = matching;
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public void run(Job job) {
    matching.matchItems(Arrays.stream(job.payload().split(",")).map(String::strip)
        .filter(s -> !s.isEmpty()).map(Long::valueOf).toList());
  }
}
