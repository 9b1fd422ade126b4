package fr.vigie.app.audit.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import fr.vigie.app.audit.AuditAction;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuditFilterFormTest {

  @Test
  void turnsTypedFieldsIntoAFilterIgnoringBlanks() {
    var parsed = new AuditFilterForm(" analyste ", "", "  ", "READ", "2026-01-15T10:00", null)
        .parse();
    assertEquals(List.of(), parsed.errors());
    assertEquals(new AuditFilter("analyste", null, null, AuditAction.READ,
        Instant.parse("2026-01-15T09:00:00Z"), null), parsed.filter());
  }

  @Test
  void namesEveryFieldThatDoesNotParse() {
    var parsed = new AuditFilterForm(null, null, null, "DROP", "hier", "demain").parse();
    assertNull(parsed.filter());
    assertEquals(List.of("audit.error.action", "audit.error.from", "audit.error.to"),
        parsed.errors());
  }

  @Test
  void refusesAPeriodThatEndsBeforeItStarts() {
    assertEquals(List.of("audit.error.period"),
        new AuditFilterForm(null, null, null, null, "2026-02-01", "2026-01-01").parse().errors());
  }

  @Test
  void buildsEncodedLinksThatKeepTheFilters() {
    assertEquals("/audit?user=a%20b&action=READ&before=42",
        new AuditFilterForm("a b", null, "", "READ", null, null).link("/audit", 42L));
    assertEquals("/audit/export.csv?objectId=%3Cx%3E%26y",
        new AuditFilterForm(null, null, "<x>&y", null, null, null).link("/audit/export.csv", null));
  }

  @Test
  void describesTheFilterForTheAuditEntry() {
    assertEquals("user=a; action=EXPORT; until=2026-01-01T00:00:00Z",
        new AuditFilter("a", null, null, AuditAction.EXPORT, null,
            Instant.parse("2026-01-01T00:00:00Z")).describe());
    assertEquals("", AuditFilter.EVERYTHING.describe());
  }
}
