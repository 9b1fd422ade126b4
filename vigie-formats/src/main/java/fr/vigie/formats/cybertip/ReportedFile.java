package fr.vigie.formats.cybertip;

import java.util.List;

/**
 * One {@code fileDetails}: a file the provider uploaded with the report.
 *
 * @param fileId NCMEC's id for the file
 * @param originalFileName null when absent
 * @param classification null when absent
 * @param relevance null when absent
 * @param annotations flag element names as written, e.g. {@code viral}, {@code generativeAi}
 * @param details EXIF or HASH name/value pairs; {@code @type} may sit on {@code details} or on
 *     each {@code nameValuePair}
 * @param reportId the {@code fileDetails}' own {@code reportId} as written (NCMEC's number of
 *     the report it was sent with), or null when empty or for formats that have none
 * @param deviceIds the file's {@code deviceId}s
 */
public record ReportedFile(String fileId, String originalFileName, List<FileHash> hashes,
    IndustryClassification classification, FileRelevance relevance, List<String> annotations,
    List<Detail> details, List<IpEvent> ipEvents, String reportId, List<DeviceId> deviceIds) {

  /** A {@code nameValuePair} of {@code details}; type may be null. */
  public record Detail(String type, String name, String value) {}

  public ReportedFile {
    hashes = List.copyOf(hashes);
    annotations = List.copyOf(annotations);
    details = List.copyOf(details);
    ipEvents = List.copyOf(ipEvents);
    deviceIds = List.copyOf(deviceIds);
  }

  /** A file of a format without NCMEC's reportId and device ids (JSON Lines, CSV). */
  public ReportedFile(String fileId, String originalFileName, List<FileHash> hashes,
      IndustryClassification classification, FileRelevance relevance, List<String> annotations,
      List<Detail> details, List<IpEvent> ipEvents) {
    this(fileId, originalFileName, hashes, classification, relevance, annotations, details,
        ipEvents, null, List.of());
  }
}
