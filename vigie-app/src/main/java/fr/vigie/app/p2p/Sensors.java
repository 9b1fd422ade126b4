package fr.vigie.app.p2p;

import fr.vigie.app.audit.AuditAction;
import fr.vigie.app.audit.AuditActor;
import fr.vigie.app.audit.AuditLog;
import fr.vigie.app.p2p.internal.JdbcP2p;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;

/** The sensors allowed to push observations, each with its Ed25519 public key. */
@Service
public class Sensors {

  /** A sensor's name: what its lines carry in {@code sensor}. */
  public static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.\\-]{1,64}");

  /** What became of a registration. */
  public sealed interface Registration {
    record Registered(Sensor sensor) implements Registration {}

    record Invalid(String reason) implements Registration {}
  }

  private final JdbcP2p store;
  private final AuditLog audit;
  private final Clock clock;

  Sensors(JdbcP2p store, AuditLog audit, Clock clock) {
    this.store = store;
    this.audit = audit;
    this.clock = clock;
  }

  /** Registers a sensor under {@code name} with this public key (PEM or base64), audited. */
  public Registration register(String name, String publicKeyText, AuditActor actor) {
    String n = name == null ? "" : name.strip();
    if (!NAME.matcher(n).matches()) {
      return new Registration.Invalid("a sensor name is 1 to 64 of A-Z a-z 0-9 _ . -: \"" + n
          + "\"");
    }
    String key;
    try {
      key = Ed25519Keys.publicKeyText(Ed25519Keys.publicKey(publicKeyText));
    } catch (IllegalArgumentException e) {
      return new Registration.Invalid(e.getMessage());
    }
    var now = clock.instant();
    Optional<Long> id = store.insertSensor(n, key, actor.name(), now);
    if (id.isEmpty()) {
      return new Registration.Invalid("a sensor named " + n + " or with this key exists already");
    }
    audit.record(actor.event(AuditAction.CREATE, "p2p_sensor", id.get(), null)
        .withDetail("registered P2P sensor " + n + ", Ed25519 key " + key));
    return new Registration.Registered(store.sensorByName(n).orElseThrow());
  }

  public Optional<Sensor> byName(String name) {
    return store.sensorByName(name);
  }

  public List<Sensor> all() {
    return store.sensors();
  }
}
