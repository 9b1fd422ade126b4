package fr.vigie.app.suspects;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What the suspect page gathers around a suspect: the reports that name its identifiers, their IP
 * events (with attribution's outcome and the requisition covering each), their files (with the
 * match status, never the image) and the operation targets the suspect is. Read within the
 * caller's unit: a requisition or a target of another unit is left out.
 *
 * @param references the reference of every report listed and of every report the suspect's
 *     links cite (superseded versions included), by id: what a person reads instead of an id
 *
 * <p>A suspect reaches its reports through its identifiers, as the case file does: a suspect
 * identifier and an identifier reported for the reported person (or for no person) of a current
 * report version are the same trace — not through {@code links}, which only linking writes.
 */
public record SuspectHub(List<Report> reports, List<Event> events, List<File> files,
    List<TargetLine> targets, boolean truncated, Map<Long, String> references) {

  /** Rows per section at most: a page is read by a person. */
  public static final int LIMIT = 200;

  public SuspectHub {
    reports = List.copyOf(reports);
    events = List.copyOf(events);
    files = List.copyOf(files);
    targets = List.copyOf(targets);
    references = Map.copyOf(references);
  }

  /**
   * A report naming the suspect.
   *
   * @param nodes the suspect's identifiers it names, as node keys {@code KIND|value}
   */
  public record Report(long id, String externalId, String sourceName, String incidentType,
      Instant receivedAt, List<String> nodes) {

    public Report {
      nodes = List.copyOf(nodes);
    }
  }

  /**
   * An IP event of one of those reports.
   *
   * @param outcome attribution's outcome ({@code ip_attributions.outcome}), null if not run yet
   * @param status where the event stands ({@code ip_events.status})
   * @param requisitionId the latest requisition of the caller's unit covering it, if any
   */
  public record Event(long id, long reportId, String reportRef, String ip, Integer port,
      Instant occurredAt, boolean offsetMissing, String status, String outcome,
      Long requisitionId, String requisitionRef) {}

  /**
   * A file of one of those reports: its match status and the highest category matched.
   *
   * @param status {@code media.status}
   */
  public record File(long id, long reportId, String reportRef, String fileName, String status,
      Integer category) {}

  /** An operation target the suspect is, carried out by a unit the caller may see. */
  public record TargetLine(long id, String operationCode, String operationName,
      LocalDate plannedFor, String status, String unitCode) {}

  /** The reports naming one identifier (node key {@code KIND|value}). */
  public List<Report> naming(String node) {
    return reports.stream().filter(r -> r.nodes().contains(node)).toList();
  }

}
