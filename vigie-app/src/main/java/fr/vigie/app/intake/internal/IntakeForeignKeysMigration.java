package fr.vigie.app.intake.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.flywaydb.core.api.migration.Context;
import org.springframework.stereotype.Component;

/**
 * V16.3: the rows intake writes under a report (persons, identifiers, IP events, media, victim
 * hints) no longer carry foreign keys to their report and person.
 *
 * <p>Why: on PostgreSQL a foreign key is checked row by row (a look-up and a lock on the parent),
 * which was a third of the time the database spent on an import, for rows that one writer
 * ({@link JdbcCyberTips#insertAll}) inserts in the same transaction as, and after, the parents
 * whose ids it has just drawn; reports are never deleted, only superseded. Integrity is asserted
 * by the import tests instead ({@code IntakeIntegrity}). Every report_id and person_id keeps its
 * index, which reads need.
 *
 * <p>In Java because the constraints' names are the database's choice ({@code
 * media_report_id_fkey} by default, but a schema restored or created by hand may differ); the
 * JDBC metadata gives them.
 */
@Component
class IntakeForeignKeysMigration extends IntakeJavaMigration {

  private static final List<String> CHILDREN = List.of("report_persons", "reported_identifiers",
      "ip_events", "media", "victim_hints");
  private static final Set<String> PARENTS = Set.of("reports", "report_persons");

  /** The indexes reads need, made sure of after the keys go. */
  private static final List<String> INDEXES = List.of(
      "report_persons_report on report_persons (report_id)",
      "reported_identifiers_report on reported_identifiers (report_id)",
      "linking_reported_identifiers_person on reported_identifiers (person_id)",
      "ip_events_report on ip_events (report_id)",
      "media_report on media (report_id)",
      "victim_hints_report on victim_hints (report_id)");

  IntakeForeignKeysMigration() {
    super("16.3", "intake child rows without foreign keys");
  }

  @Override
  public void migrate(Context context) throws SQLException {
    Connection c = context.getConnection();
    Map<String, String> drops = new LinkedHashMap<>();
    for (String child : CHILDREN) {
      try (ResultSet keys = c.getMetaData().getImportedKeys(c.getCatalog(), c.getSchema(),
          child)) {
        while (keys.next()) {
          if (PARENTS.contains(keys.getString("PKTABLE_NAME"))) {
            drops.put(keys.getString("FK_NAME"), child);
          }
        }
      }
    }
    try (Statement s = c.createStatement()) {
      for (var drop : drops.entrySet()) {
        s.execute("alter table " + drop.getValue() + " drop constraint \""
            + drop.getKey().replace("\"", "\"\"") + "\"");
      }
      for (String index : INDEXES) {
        s.execute("create index if not exists " + index);
      }
    }
  }
}
