package fr.vigie.app.suspects;

import java.util.List;

/** A suspect with the identifiers it is made of. */
public record SuspectFile(Suspect suspect, List<SuspectIdentifier> identifiers) {

  public SuspectFile {
    identifiers = List.copyOf(identifiers);
  }
}
