package fr.vigie.app.attribution;

import fr.vigie.app.attribution.internal.JdbcOperators;
import fr.vigie.app.audit.AuditAction;
import fr.vigie.app.audit.AuditEvent;
import fr.vigie.app.audit.AuditLog;
import fr.vigie.app.security.Access;
import fr.vigie.geo.CidrBlock;
import fr.vigie.geo.CidrTable;
import fr.vigie.geo.OperatorDirectory;
import fr.vigie.geo.OperatorRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The directory of French operators, editable by an administrator (each change on the audit
 * record), and its snapshot for attribution.
 */
@Service
public class Operators {

  private static final Pattern CODE = Pattern.compile("[A-Z0-9][A-Z0-9-]{0,31}");

  private final JdbcOperators store;
  private final AuditLog audit;

  Operators(JdbcOperators store, AuditLog audit) {
    this.store = store;
    this.audit = audit;
  }

  public List<Operator> list() {
    return store.findAll();
  }

  public Optional<Operator> find(String code) {
    return list().stream().filter(o -> o.code().equals(code)).findFirst();
  }

  /** The active operators by ASN and CGNAT range, as attribution looks them up. */
  public OperatorDirectory directory() {
    // Read afresh: another node's administrator may have edited it; a run reads it once.
    return build(list());
  }

  private static OperatorDirectory build(List<Operator> operators) {
    Map<Long, OperatorRef> byAsn = new HashMap<>();
    List<Map.Entry<CidrBlock, OperatorRef>> ranges = new ArrayList<>();
    for (Operator o : operators) {
      if (!o.active()) {
        continue;
      }
      OperatorRef ref = new OperatorRef(o.id(), o.code(), o.name(), o.retentionDays());
      o.asns().forEach(asn -> byAsn.put(asn, ref));
      o.cgnatRanges().forEach(r -> ranges.add(Map.entry(CidrBlock.parse(r), ref)));
    }
    return new OperatorDirectory(byAsn, CidrTable.of(ranges));
  }

  /**
   * Creates or updates the operator named by the edit's code; returns the errors (message keys
   * with the offending value), empty when saved.
   */
  @Transactional
  public List<String> save(OperatorEdit edit, Access access) {
    List<String> errors = new ArrayList<>();
    String code = trim(edit.code()).toUpperCase(Locale.ROOT);
    String name = trim(edit.name());
    if (!CODE.matcher(code).matches()) {
      errors.add("operators.error.code");
    }
    if (name.isEmpty() || name.length() > 200) {
      errors.add("operators.error.name");
    }
    Integer delay = days(edit.answerDelayDays());
    if (delay == null) {
      errors.add("operators.error.delay");
    }
    Integer retention = days(edit.retentionDays());
    if (retention == null) {
      errors.add("operators.error.retention");
    }
    List<Long> asns = new ArrayList<>();
    for (String item : items(edit.asns())) {
      try {
        long asn = Long.parseLong(item.toUpperCase(Locale.ROOT).replaceFirst("^AS", ""));
        if (asn <= 0 || asn > 4_294_967_295L) {
          throw new NumberFormatException();
        }
        asns.add(asn);
      } catch (NumberFormatException e) {
        errors.add("operators.error.asn|" + item);
      }
    }
    List<String> ranges = new ArrayList<>();
    for (String item : items(edit.cgnatRanges())) {
      try {
        ranges.add(CidrBlock.parse(item).toString());
      } catch (IllegalArgumentException e) {
        errors.add("operators.error.range|" + item);
      }
    }
    Optional<Long> existing = store.idOf(code);
    long id = existing.orElse(-1L);
    for (Long asn : asns) {
      store.codeHoldingAsn(asn, id).ifPresent(other ->
          errors.add("operators.error.asnTaken|AS" + asn + " (" + other + ")"));
    }
    if (!errors.isEmpty()) {
      return errors;
    }
    if (existing.isEmpty()) {
      id = store.insert(code, name);
    }
    store.update(id, name, blankToNull(edit.legalContact()), blankToNull(edit.legalEmail()),
        blankToNull(edit.portalUrl()), delay, retention, edit.active(), asns, ranges);
    audit.record(AuditEvent.of(access.caller().username(), access.caller().role().name(),
            existing.isEmpty() ? AuditAction.CREATE : AuditAction.UPDATE, "operator", code, null,
            access.clientAddress())
        .withDetail("name=" + name + "; asns=" + asns + "; cgnat=" + ranges + "; delay="
            + delay + "d; retention=" + retention + "d; active=" + edit.active()));
    return List.of();
  }

  private static Integer days(String text) {
    try {
      int d = Integer.parseInt(trim(text));
      return d >= 1 && d <= 3650 ? d : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static List<String> items(String text) {
    LinkedHashSet<String> items = new LinkedHashSet<>();
    for (String s : trim(text).split("[,;\\s]+")) {
      if (!s.isBlank()) {
        items.add(s.strip());
      }
    }
    return List.copyOf(items);
  }

  private static String trim(String s) {
    return s == null ? "" : s.strip();
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
