package fr.vigie.app.media;

import java.util.List;

/**
 * What {@code vigie import media} did.
 *
 * @param files files read
 * @param stored files whose content was new to the store
 * @param alreadyStored files whose content the store held already
 * @param attachedRows media rows that now have their content (a file can serve several rows)
 * @param unmatched files that no media row declared: reported, not stored
 * @param mismatches rows where a declared hash disagrees with the content ("media 12: SHA1 …")
 * @param unreadable files that could not be read, with the reason
 */
public record MediaImportSummary(int files, int stored, int alreadyStored, int attachedRows,
    List<String> unmatched, List<String> mismatches, List<String> unreadable) {

  public MediaImportSummary {
    unmatched = List.copyOf(unmatched);
    mismatches = List.copyOf(mismatches);
    unreadable = List.copyOf(unreadable);
  }
}
