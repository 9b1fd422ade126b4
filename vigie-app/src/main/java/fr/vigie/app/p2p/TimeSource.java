package fr.vigie.app.p2p;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The sensor's time: the system clock checked against an NTP server (SNTP, RFC 4330) before a
 * round. The probe then runs on the system clock corrected by the offset measured, and every
 * line records that offset and its source, so that an instant can be told apart from the
 * machine's own idea of the time. Without a server, or when it does not answer, the system
 * clock is used as it is and the lines say so.
 */
public final class TimeSource {

  /** Seconds from 1900-01-01 (NTP's era 0) to 1970-01-01. */
  static final long NTP_EPOCH = 2_208_988_800L;

  /**
   * A check of the clock.
   *
   * @param clock the clock to probe with (corrected when an offset was measured)
   * @param offsetMs what the server's time minus ours was, empty when not measured
   * @param source {@code ntp:host:port}, or why the system clock is used unchecked
   */
  public record Checked(Clock clock, Optional<Long> offsetMs, String source) {}

  private TimeSource() {}

  /** The system clock, unchecked. */
  public static Checked unchecked() {
    return new Checked(Clock.systemUTC(), Optional.empty(),
        "system clock (not checked against NTP)");
  }

  /** Checks {@code base} against the server; on no answer, {@code base} unchecked. */
  public static Checked check(Clock base, InetSocketAddress server, Duration timeout) {
    String name = "ntp:" + server.getHostString() + ":" + server.getPort();
    try (DatagramSocket socket = new DatagramSocket()) {
      socket.setSoTimeout((int) timeout.toMillis());
      byte[] request = new byte[48];
      request[0] = 0x23; // LI 0, version 4, mode 3 (client)
      Instant t1 = base.instant();
      putTimestamp(request, 40, t1);
      socket.send(new DatagramPacket(request, request.length, server));
      byte[] answer = new byte[48];
      DatagramPacket in = new DatagramPacket(answer, answer.length);
      socket.receive(in);
      Instant t4 = base.instant();
      int mode = answer[0] & 0x7;
      int stratum = answer[1] & 0xff;
      if (in.getLength() < 48 || (mode != 4 && mode != 5) || stratum == 0) {
        return unchecked(base, name + " answered with no usable time");
      }
      if (!java.util.Arrays.equals(answer, 24, 32, request, 40, 48)) {
        return unchecked(base, name + " answered another request");
      }
      Instant t2 = timestamp(answer, 32);
      Instant t3 = timestamp(answer, 40);
      long offset = (Duration.between(t1, t2).toMillis() + Duration.between(t4, t3).toMillis())
          / 2;
      return new Checked(Clock.offset(base, Duration.ofMillis(offset)), Optional.of(offset),
          name);
    } catch (SocketTimeoutException e) {
      return unchecked(base, name + " did not answer");
    } catch (IOException e) {
      return unchecked(base, name + " unreachable: " + e.getMessage());
    }
  }

  /** Reads {@code host[:port]} (port 123 by default). */
  public static InetSocketAddress server(String text) throws IOException {
    String t = text.strip();
    int colon = t.lastIndexOf(':');
    String host = colon > 0 && t.indexOf(':') == colon ? t.substring(0, colon) : t;
    int port = colon > 0 && t.indexOf(':') == colon ? Integer.parseInt(t.substring(colon + 1))
        : 123;
    return new InetSocketAddress(InetAddress.getByName(host), port);
  }

  private static Checked unchecked(Clock base, String why) {
    return new Checked(base, Optional.empty(), "system clock (" + why + ")");
  }

  /** An NTP timestamp: seconds since 1900 and a 32-bit binary fraction, big-endian. */
  static void putTimestamp(byte[] packet, int at, Instant i) {
    long seconds = i.getEpochSecond() + NTP_EPOCH;
    long fraction = ((long) i.getNano() << 32) / 1_000_000_000L;
    ByteBuffer.wrap(packet, at, 8).putInt((int) seconds).putInt((int) fraction);
  }

  static Instant timestamp(byte[] packet, int at) {
    ByteBuffer b = ByteBuffer.wrap(packet, at, 8);
    long seconds = b.getInt() & 0xffffffffL;
    long fraction = b.getInt() & 0xffffffffL;
    return Instant.ofEpochSecond(seconds - NTP_EPOCH, (fraction * 1_000_000_000L) >>> 32);
  }

  /** What an instant reads as after a round trip through an NTP timestamp. */
  static Instant truncate(Instant i) {
    byte[] b = new byte[8];
    putTimestamp(b, 0, i);
    return timestamp(b, 0);
  }
}
