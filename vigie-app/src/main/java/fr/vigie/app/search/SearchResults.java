package fr.vigie.app.search;

import java.util.List;

/** What a search found, by kind, each capped at {@link Search#LIMIT}; and how long it took. */
public record SearchResults(String query, List<SearchHit> reports, List<SearchHit> suspects,
    List<SearchHit> cases, List<SearchHit> media, List<SearchHit> requisitions, long millis) {

  public SearchResults {
    reports = List.copyOf(reports);
    suspects = List.copyOf(suspects);
    cases = List.copyOf(cases);
    media = List.copyOf(media);
    requisitions = List.copyOf(requisitions);
  }

  public static SearchResults empty(String query) {
    return new SearchResults(query, List.of(), List.of(), List.of(), List.of(), List.of(), 0);
  }

  public boolean isEmpty() {
    return reports.isEmpty() && suspects.isEmpty() && cases.isEmpty() && media.isEmpty()
        && requisitions.isEmpty();
  }

  /** Whether one of the lists was cut at the limit. */
  public boolean truncated() {
    return reports.size() >= Search.LIMIT || suspects.size() >= Search.LIMIT
        || cases.size() >= Search.LIMIT || media.size() >= Search.LIMIT
        || requisitions.size() >= Search.LIMIT;
  }
}
