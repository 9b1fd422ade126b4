package fr.vigie.app.intake.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The byte layout of PostgreSQL's binary COPY, as its manual gives it (the ITs load it too). */
class PgBinaryCopyTest {

  private static final int[] TYPES = {Types.BIGINT, Types.INTEGER, Types.SMALLINT,
      Types.BOOLEAN, Types.VARCHAR, Types.BINARY, Types.TIMESTAMP_WITH_TIMEZONE, Types.DATE,
      Types.VARCHAR};

  @Test
  void headerRowsAndTrailerAreLaidOutAsPostgresqlReadsThem() {
    byte[] out = new PgBinaryCopy(0).row(TYPES, new Object[] {
        7L, 42, 4, true, "é", new byte[] {1, 2},
        OffsetDateTime.of(2000, 1, 1, 0, 0, 1, 500_000, ZoneOffset.UTC),
        LocalDate.of(1999, 12, 31), null}).finish();
    ByteBuffer b = ByteBuffer.wrap(out);

    byte[] signature = new byte[11];
    b.get(signature);
    assertArrayEquals("PGCOPY\n\u00ff\r\n\0".getBytes(StandardCharsets.ISO_8859_1), signature);
    assertEquals(0, b.getInt(), "flags");
    assertEquals(0, b.getInt(), "header extension length");
    assertEquals(9, b.getShort(), "fields in the row");
    assertEquals(8, b.getInt());
    assertEquals(7L, b.getLong());
    assertEquals(4, b.getInt());
    assertEquals(42, b.getInt());
    assertEquals(2, b.getInt(), "smallint is two bytes");
    assertEquals(4, b.getShort());
    assertEquals(1, b.getInt());
    assertEquals(1, b.get());
    assertEquals(2, b.getInt(), "UTF-8 bytes, not chars");
    assertArrayEquals("é".getBytes(StandardCharsets.UTF_8), take(b, 2));
    assertEquals(2, b.getInt());
    assertArrayEquals(new byte[] {1, 2}, take(b, 2));
    assertEquals(8, b.getInt());
    assertEquals(1_000_500L, b.getLong(), "microseconds since 2000-01-01T00:00Z");
    assertEquals(4, b.getInt());
    assertEquals(-1, b.getInt(), "days since 2000-01-01");
    assertEquals(-1, b.getInt(), "null");
    assertEquals(-1, b.getShort(), "trailer");
    assertEquals(0, b.remaining());
  }

  @Test
  void instantsBeforeTwoThousandCountBackwards() {
    byte[] out = new PgBinaryCopy(0).row(new int[] {Types.TIMESTAMP_WITH_TIMEZONE},
        new Object[] {Instant.parse("1999-12-31T23:59:59.999999Z")}).finish();
    ByteBuffer b = ByteBuffer.wrap(out, 19 + 2 + 4, 8);
    assertEquals(-1L, b.getLong());
  }

  @Test
  void aTypeWithoutABinaryFormHereIsAnError() {
    assertThrows(IllegalArgumentException.class, () -> new PgBinaryCopy(0)
        .row(new int[] {Types.NUMERIC}, new Object[] {1}));
  }

  private static byte[] take(ByteBuffer b, int n) {
    byte[] bytes = new byte[n];
    b.get(bytes);
    return Arrays.copyOf(bytes, n);
  }
}
