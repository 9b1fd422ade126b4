package fr.vigie.app.audit;

import fr.vigie.app.security.Access;
import java.io.IOException;
import java.net.InetAddress;
import java.util.Objects;

/**
 * On whose behalf an entry is written, with what the log keeps beside the name: the role and the
 * client's address. A signed-in caller brings both ({@link #of(Access)}); a command run on a
 * host is role {@value #COMMAND_LINE_ROLE} from that host's name ({@link #commandLine}), so that
 * work done later on someone's behalf (a queued import run by a worker) still says who, as what,
 * and from where.
 *
 * @param name the username, or "cli:" and the operating-system user
 * @param role the role's name, or {@value #COMMAND_LINE_ROLE}; null when unknown
 * @param clientAddress the client's address, or the host a command ran on; null when unknown
 */
public record AuditActor(String name, String role, String clientAddress) {

  /** The role the log gives to a command run from the command line. */
  public static final String COMMAND_LINE_ROLE = "CLI";

  /** The widths of {@code audit_log.actor}, {@code actor_role} and {@code client_address}. */
  private static final int NAME_WIDTH = 64;
  private static final int ROLE_WIDTH = 16;
  private static final int ADDRESS_WIDTH = 45;

  private static final String HOST = hostName();

  public AuditActor {
    Objects.requireNonNull(name, "name");
    name = clip(name, NAME_WIDTH);
    role = clip(role, ROLE_WIDTH);
    clientAddress = clip(clientAddress, ADDRESS_WIDTH);
  }

  /** The signed-in caller, with their role and address. */
  public static AuditActor of(Access access) {
    return new AuditActor(access.caller().username(), access.caller().role().name(),
        access.clientAddress());
  }

  /** A command run on this host by {@code name} (e.g. "cli:alice"). */
  public static AuditActor commandLine(String name) {
    return new AuditActor(name, COMMAND_LINE_ROLE, HOST);
  }

  /** A successful action of this actor on a record. */
  public AuditEvent event(AuditAction action, String objectType, Object objectId, Long unitId) {
    return AuditEvent.of(name, role, action, objectType, objectId, unitId, clientAddress);
  }

  private static String clip(String value, int width) {
    return value == null || value.length() <= width ? value : value.substring(0, width);
  }

  private static String hostName() {
    String name = System.getenv("HOSTNAME");
    if (name == null || name.isBlank()) {
      try {
        name = InetAddress.getLocalHost().getHostName();
      } catch (IOException e) {
        name = "localhost";
      }
    }
    return name;
  }
}
