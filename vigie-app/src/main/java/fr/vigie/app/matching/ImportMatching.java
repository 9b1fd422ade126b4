package fr.vigie.app.matching;

import fr.vigie.app.jobs.Job;
import fr.vigie.app.jobs.JobHandler;
import org.springframework.stereotype.Component;

/** Runs "match-import" jobs: the media of the reports one import run stored (payload: its id). */
@Component
class ImportMatching implements JobHandler {

  static final String KIND = "match-import";

  private final MediaMatching matching;

  ImportMatching(MediaMatching matching) {
    this.matching = matching;
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public void run(Job job) {
    matching.matchImport(Long.parseLong(job.payload().strip()));
  }
}
