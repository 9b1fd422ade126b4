package fr.vigie.app.statistics;

import fr.vigie.app.intake.IntakeCounts;
import fr.vigie.app.intake.MediaStatus;
import fr.vigie.app.matching.HashSetCounts;
import java.util.Map;

/** What the dashboard shows, read from the database at the time of the request. */
public record DashboardFigures(IntakeCounts intake, HashSetCounts hashSets,
    Map<String, Long> reportsByIncidentType, long units, long departements, long users,
    Map<MediaStatus, Long> mediaByStatus) {

  /** Returns how many media items are in that status (0 when none). */
  public long media(MediaStatus status) {
    return mediaByStatus.getOrDefault(status, 0L);
  }
}
