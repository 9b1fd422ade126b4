package fr.vigie.app.matching;

import fr.vigie.app.jobs.JobHandler;
import fr.vigie.app.jobs.JobKind;
import org.springframework.stereotype.Component;

/** Runs "match-media" jobs: the media items the payload names. */
@Component
class MediaItemsMatching implements JobHandler<MatchMediaItems> {

  static final JobKind<MatchMediaItems> KIND =
      new JobKind<>("match-media", MatchMediaItems.class);

  private final MediaMatching matching;

  MediaItemsMatching(MediaMatching matching) {
    this.matching = matching;
  }

  @Override
  public JobKind<MatchMediaItems> kind() {
    return KIND;
  }

  @Override
  public void run(MatchMediaItems items) {
    matching.matchItems(items.mediaIds());
  }
}
