package fr.vigie.app.p2p;

import java.io.Closeable;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.time.Duration;
import java.time.Instant;

/**
 * An SNTP server on loopback whose clock runs {@code ahead} of this machine's, written from
 * RFC 4330 apart from {@link TimeSource}: it copies the client's transmit timestamp into the
 * originate field and stamps receive and transmit with its own time.
 */
public final class FakeNtpServer implements Closeable {

  private final DatagramSocket socket;
  private final Thread thread;

  public FakeNtpServer(Duration ahead) throws IOException {
    socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    thread = Thread.ofVirtual().start(() -> serve(ahead));
  }

  public InetSocketAddress address() {
    return (InetSocketAddress) socket.getLocalSocketAddress();
  }

  private void serve(Duration ahead) {
    byte[] buf = new byte[48];
    while (!socket.isClosed()) {
      try {
        DatagramPacket in = new DatagramPacket(buf, buf.length);
        socket.receive(in);
        Instant received = Instant.now().plus(ahead);
        byte[] out = new byte[48];
        out[0] = 0x24; // LI 0, version 4, mode 4 (server)
        out[1] = 2;    // stratum 2
        System.arraycopy(buf, 40, out, 24, 8);
        write(out, 32, received);
        write(out, 40, Instant.now().plus(ahead));
        socket.send(new DatagramPacket(out, out.length, in.getSocketAddress()));
      } catch (SocketException closed) {
        return;
      } catch (IOException e) {
        return;
      }
    }
  }

  private static void write(byte[] p, int at, Instant i) {
    long s = i.getEpochSecond() + 2_208_988_800L;
    long f = (long) (i.getNano() / 1e9 * 4294967296.0);
    for (int k = 0; k < 4; k++) {
      p[at + k] = (byte) (s >>> (24 - 8 * k));
      p[at + 4 + k] = (byte) (f >>> (24 - 8 * k));
    }
  }

  @Override
  public void close() {
    socket.close();
    thread.interrupt();
  }
}
