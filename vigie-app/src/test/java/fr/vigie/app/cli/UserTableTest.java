package fr.vigie.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import fr.vigie.app.security.Role;
import fr.vigie.app.security.UserSummary;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class UserTableTest {

  private static final Instant NOW = Instant.parse("2026-07-14T10:00:00Z");

  @Test
  void showsParisTimeAlignedColumnsAndOnlyLocksStillRunning() {
    List<String> lines = UserTable.lines(List.of(
        new UserSummary("analyste", "Alex Analyste", Role.ANALYST, null, true, true,
            Instant.parse("2026-07-14T10:30:00Z"), Instant.parse("2026-07-13T22:15:00Z")),
        new UserSummary("enq.lyon", "Eve", Role.INVESTIGATOR, "OFMIN-LYON", false, false,
            Instant.parse("2026-07-14T09:00:00Z"), null)), NOW);
    assertEquals(List.of(
        "USERNAME  NAME           ROLE          UNIT        ENABLED  TOTP      LOCKED UNTIL      LAST SIGN-IN (PARIS)",
        "analyste  Alex Analyste  ANALYST       -           yes      enrolled  2026-07-14 12:30  2026-07-14 00:15",
        "enq.lyon  Eve            INVESTIGATOR  OFMIN-LYON  no       no        -                 never"),
        lines);
  }
}
