package fr.vigie.app.matching;

import fr.vigie.app.jobs.JobHandler;
import fr.vigie.app.jobs.JobKind;
import org.springframework.stereotype.Component;

/** Runs "match-import" jobs: the media of the reports one import run stored. */
@Component
class ImportMatching implements JobHandler<MatchImportRun> {

  static final JobKind<MatchImportRun> KIND = new JobKind<>("match-import", MatchImportRun.class);

  private final MediaMatching matching;

  ImportMatching(MediaMatching matching) {
    this.matching = matching;
  }

  @Override
  public JobKind<MatchImportRun> kind() {
    return KIND;
  }

  @Override
  public void run(MatchImportRun run) {
    matching.matchImport(run.importJobId());
  }
}
