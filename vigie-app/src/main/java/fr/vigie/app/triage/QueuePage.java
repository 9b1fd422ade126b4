package fr.vigie.app.triage;

import java.util.List;

/**
 * One page of a queue.
 *
 * @param total how many suspects match the filter within the caller's scope
 * @param next the cursor of the next page, null on the last
 */
public record QueuePage(List<QueueRow> rows, long total, String next) {

  public QueuePage {
    rows = List.copyOf(rows);
  }
}
