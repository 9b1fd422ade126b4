package fr.vigie.app.matching;

import java.util.List;

/** What registering a hash set did. */
public sealed interface ImportOutcome {

  /** The set is in and active; the versions it replaced are retired. */
  record Imported(long setId, List<String> retiredVersions) implements ImportOutcome {
    public Imported {
      retiredVersions = List.copyOf(retiredVersions);
    }
  }

  /** That name and version exist already: nothing changed. */
  record Unchanged(String status) implements ImportOutcome {}

  /** The active version is newer than the one offered: nothing changed. */
  record Older(String activeVersion) implements ImportOutcome {}
}
