package fr.vigie.app.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the foreign keys dropped by V16.3 (and never made for V21's tables) would guarantee,
 * asserted after the import tests instead: every row intake writes under a report has its report
 * (and its person).
 */
public final class IntakeIntegrity {

  private IntakeIntegrity() {}

  public static void assertNoOrphans(JdbcClient jdbc) {
    Map<String, String> checks = new LinkedHashMap<>();
    checks.put("report_persons without report", """
        select count(*) from report_persons c
        where not exists (select 1 from reports r where r.id = c.report_id)""");
    checks.put("reported_identifiers without report", """
        select count(*) from reported_identifiers c
        where not exists (select 1 from reports r where r.id = c.report_id)""");
    checks.put("reported_identifiers without person", """
        select count(*) from reported_identifiers c where c.person_id is not null
          and not exists (select 1 from report_persons p where p.id = c.person_id
            and p.report_id = c.report_id)""");
    checks.put("ip_events without report", """
        select count(*) from ip_events c
        where not exists (select 1 from reports r where r.id = c.report_id)""");
    checks.put("media without report", """
        select count(*) from media c where c.report_id is not null
          and not exists (select 1 from reports r where r.id = c.report_id)""");
    checks.put("victim_hints without report", """
        select count(*) from victim_hints c
        where not exists (select 1 from reports r where r.id = c.report_id)""");
    checks.put("report_device_ids without report", """
        select count(*) from report_device_ids c
        where not exists (select 1 from reports r where r.id = c.report_id)""");
    checks.put("report_device_ids without person", """
        select count(*) from report_device_ids c where c.person_id is not null
          and not exists (select 1 from report_persons p where p.id = c.person_id
            and p.report_id = c.report_id)""");
    checks.put("report_not_kept without report", """
        select count(*) from report_not_kept c
        where not exists (select 1 from reports r where r.id = c.report_id)""");
    Map<String, Long> found = new LinkedHashMap<>();
    checks.forEach((what, sql) -> found.put(what, jdbc.sql(sql).query(Long.class).single()));
    Map<String, Long> none = new LinkedHashMap<>();
    checks.keySet().forEach(what -> none.put(what, 0L));
    assertEquals(none, found);
  }
}
