package fr.vigie.app.audit;

import java.nio.file.Path;
import java.util.List;

/**
 * What the checkpoint folder holds, as read for a verification.
 *
 * @param checkpoints every line that is a checkpoint signed by one of the keys given, by position
 * @param problems lines that are not, each with its file and line number (a verification that
 *     has any fails)
 * @param warnings what does not fail a verification: a last line cut short while being written,
 *     a folder that does not exist
 */
public record CheckpointReport(Path folder, int files, List<Located> checkpoints,
    List<String> problems, List<String> warnings) {

  public CheckpointReport {
    checkpoints = List.copyOf(checkpoints);
    problems = List.copyOf(problems);
    warnings = List.copyOf(warnings);
  }

  /** A checkpoint and where it was read. */
  public record Located(Checkpoint checkpoint, String file, long line) {

    /** E.g. "entry 1000 of 2026-10-01T08:00:00Z (checkpoints-vm.jsonl, line 3)". */
    public String describe() {
      return "entry " + checkpoint.position() + " of " + checkpoint.at() + " (" + file
          + ", line " + line + ")";
    }
  }
}
