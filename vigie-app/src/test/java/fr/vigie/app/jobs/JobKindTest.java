package fr.vigie.app.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Payloads as stored: one JSON form per record, one dedupe key, unreadable ones said why. */
class JobKindTest {

  record Run(long importJobId) implements JobPayload {
    Run {
      if (importJobId <= 0) {
        throw new IllegalArgumentException("importJobId must be positive: " + importJobId);
      }
    }

    @Override
    public String key() {
      return Long.toString(importJobId);
    }
  }

  record Everything() implements JobPayload {
    @Override
    public String key() {
      return "all";
    }
  }

  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
  @JsonSubTypes({@JsonSubTypes.Type(value = Choice.Ids.class, name = "ids"),
      @JsonSubTypes.Type(value = Choice.All.class, name = "all")})
  sealed interface Choice extends JobPayload {
    record Ids(List<Long> ids) implements Choice {
      public Ids {
        ids = JobPayload.canonical(ids);
      }

      @Override
      public String key() {
        return "ids:" + JobPayload.digestOf(ids);
      }
    }

    record All(String version) implements Choice {
      @Override
      public String key() {
        return "all";
      }
    }
  }

  static final JobKind<Run> RUN = new JobKind<>("match-import", Run.class);
  static final JobKind<Everything> ALL = new JobKind<>("rematch-media", Everything.class);
  static final JobKind<Choice> CHOICE = new JobKind<>("test-choice", Choice.class);

  @Test
  void writesARecordAsTheObjectOfItsComponentsAndReadsItBack() {
    assertEquals("{\"importJobId\":42}", RUN.write(new Run(42)));
    assertEquals(new Run(42), RUN.read("{\"importJobId\":42}"));
    assertEquals("match-import:42", RUN.dedupeKey(new Run(42)));
    assertEquals("{}", ALL.write(new Everything()));
    assertEquals(new Everything(), ALL.read("{}"));
  }

  @Test
  void writesTheTypeOfASealedPayloadFirst() {
    assertEquals("{\"type\":\"ids\",\"ids\":[3,9]}",
        CHOICE.write(new Choice.Ids(List.of(9L, 3L, 9L))));
    assertEquals(new Choice.Ids(List.of(3L, 9L)),
        CHOICE.read("{\"type\":\"ids\",\"ids\":[9,3]}"));
    assertEquals(new Choice.All("2026.1"),
        CHOICE.read("{\"type\":\"all\",\"version\":\"2026.1\"}"));
  }

  @Test
  void theSameSetOfIdsInAnyOrderIsOneJob() {
    assertEquals(CHOICE.dedupeKey(new Choice.Ids(List.of(3L, 1L, 2L))),
        CHOICE.dedupeKey(new Choice.Ids(List.of(1L, 2L, 3L, 3L))));
  }

  @Test
  void setsOfIdsWhoseTextsHashAlikeAreTwoJobs() {
    assertEquals("15020,15100".hashCode(), "30901,30931".hashCode());
    assertTrue(!JobPayload.digestOf(List.of(15020L, 15100L))
        .equals(JobPayload.digestOf(List.of(30901L, 30931L))));
  }

  @Test
  void theKeyOfASetOfIdsIsTheOneMatchMediaJobsHadBeforeTypedPayloads() throws Exception {
    // Jobs already queued by the string payloads keep deduplicating against new requests.
    String before = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
        .digest("1,2,30".getBytes(StandardCharsets.UTF_8))).substring(0, 32);
    assertEquals(before, JobPayload.digestOf(List.of(30L, 2L, 1L)));
  }

  @Test
  void refusesAPayloadThatIsNotItsRecordAndSaysWhichFieldAndWhy() {
    assertReason(RUN, "{\"importJobId\":\"douze\"}", "field importJobId");
    assertReason(RUN, "{}", "importJobId");
    assertReason(RUN, "{\"importJobId\":null}", "importJobId");
    assertReason(RUN, "{\"importJobId\":0}", "importJobId must be positive: 0");
    assertReason(RUN, "{\"importJobId\":4,\"extra\":1}", "extra");
    assertReason(RUN, "42", "42");
    assertReason(RUN, "import:42", "import:42");
    assertReason(CHOICE, "{\"type\":\"some\"}", "some");
    assertReason(CHOICE, "{\"type\":\"ids\",\"ids\":[1,\"b\"]}", "field ids[1]");
  }

  @Test
  void refusesKindNamesThatAreNotLowerCaseWordsWithDashes() {
    assertThrows(IllegalArgumentException.class, () -> new JobKind<>("Match import", Run.class));
    assertThrows(IllegalArgumentException.class, () -> new JobKind<>("x".repeat(41), Run.class));
  }

  private static void assertReason(JobKind<?> kind, String stored, String expected) {
    UnreadablePayload e = assertThrows(UnreadablePayload.class, () -> kind.read(stored));
    assertTrue(e.getMessage().startsWith("(" + kind.name() + "): payload \"" + stored + "\""),
        e.getMessage());
    assertTrue(e.getMessage().contains(expected), expected + " in: " + e.getMessage());
  }
}
