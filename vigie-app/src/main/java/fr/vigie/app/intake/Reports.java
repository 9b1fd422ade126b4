package fr.vigie.app.intake;

import fr.vigie.app.intake.internal.JdbcReports;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Stores reports and tells how many there are. */
@Service
public class Reports {

  private final JdbcReports reports;

  Reports(JdbcReports reports) {
    this.reports = reports;
  }

  /** Registers a source unless one with that code exists. */
  @Transactional
  public void ensureSource(String code, String name, String kind, String country) {
    reports.ensureSource(code, name, kind, country);
  }

  /**
   * Stores the reports with their identifiers, IP events and media, in one transaction.
   *
   * @param rawFormat a {@code reports.raw_format} code
   */
  @Transactional
  public void storeAll(List<ReportDraft> drafts, String rawFormat) {
    reports.insertAll(drafts, rawFormat);
  }

  /**
   * Places the report of an IP event in the département an operator's answer gave for its
   * subscriber (attribution); the latest answer wins over an earlier one and over the reported
   * persons' postal codes. An unknown département code changes nothing.
   */
  @Transactional
  public void placeByIpEvent(long ipEventId, String departementCode) {
    reports.placeByIpEvent(ipEventId, departementCode);
  }

  /**
   * Places the report in a département, as {@link #placeByIpEvent} does: for the demo, whose
   * attributed people stand for answers it never receives. Returns the report's id (its newest
   * version's), empty when there is no such report or département.
   */
  @Transactional
  public java.util.Optional<Long> placeInDepartement(String sourceCode, String externalId,
      String departementCode) {
    return reports.placeInDepartement(sourceCode, externalId, departementCode);
  }

  /** Returns up to {@code limit} media items with an id above {@code afterId}, in id order. */
  public List<MediaToMatch> mediaAfter(long afterId, int limit) {
    return reports.mediaAfter(afterId, limit);
  }

  /** Records where a media item stands after matching. */
  @Transactional
  public void setMediaStatus(long mediaId, MediaStatus status, Instant at) {
    reports.setMediaStatus(mediaId, status, at);
  }

  /** Returns the number of media items per status. */
  public Map<MediaStatus, Long> countMediaByStatus() {
    return reports.countMediaByStatus();
  }

  public IntakeCounts counts() {
    return reports.counts();
  }

  /** Returns the number of reports per incident type, most frequent first. */
  public Map<String, Long> countByIncidentType() {
    return reports.countByIncidentType();
  }
}
