package fr.vigie.app.intake.internal;

import fr.vigie.formats.cybertip.Address;
import fr.vigie.formats.cybertip.CyberTip;
import fr.vigie.formats.cybertip.FileHash;
import fr.vigie.formats.cybertip.NotKept;
import fr.vigie.formats.cybertip.Party;
import fr.vigie.formats.cybertip.Phone;
import fr.vigie.formats.cybertip.ReportedFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What a report's "not kept" list holds ({@code report_not_kept}): the values the reader did not
 * map ({@link CyberTip#notKept()}, in document order), then those it did map but that no column
 * of intake holds (kind NOT_STORED): display names, a person's second and later addresses and an
 * address's state and type, a phone's extension, the platform of a person without an account, a
 * file's EXIF/hash details and hashes of a type Vigie does not check. Their paths name the
 * element as the reader's do ({@code cyberTip/report/personOrUserReported[1]/displayName}).
 *
 * <p>At most {@link #MAX_ROWS} rows a report: a hostile record of 100,000 unknown elements
 * would otherwise write 100,000 rows; the last row then says how many more the raw record holds.
 */
final class NotStored {

  /** Rows kept per report; beyond, one MORE row counts the rest. */
  static final int MAX_ROWS = 1_000;

  private NotStored() {}

  /** The list for {@code tip}, cut at {@link #MAX_ROWS}. */
  static List<CyberTipRows.NotKeptRow> of(CyberTip tip) {
    List<CyberTipRows.NotKeptRow> all = new ArrayList<>();
    for (NotKept n : tip.notKept()) {
      all.add(new CyberTipRows.NotKeptRow(n.path(), n.value(), n.kind().name()));
    }
    boolean envelope = tip.rawXml() != null && tip.rawXml().startsWith("<cyberTip");
    String report = envelope ? "cyberTip/report/" : tip.rawXml() != null
        && tip.rawXml().startsWith("<") ? "report/" : "";
    String files = envelope ? "cyberTip/" : "";
    parties(all, report, tip.reportedPersons(), "personOrUserReported",
        "personOrUserReportedPerson", tip.platform());
    parties(all, report, tip.intendedRecipients(), "intendedRecipient",
        "intendedRecipientPerson", tip.platform());
    parties(all, report, tip.victims(), "victim", "victimPerson", tip.platform());
    List<ReportedFile> fileList = tip.files();
    for (int i = 0; i < fileList.size(); i++) {
      file(all, files + "fileDetails[" + (i + 1) + "]", fileList.get(i));
    }
    if (all.size() <= MAX_ROWS) {
      return List.copyOf(all);
    }
    List<CyberTipRows.NotKeptRow> cut = new ArrayList<>(all.subList(0, MAX_ROWS - 1));
    cut.add(new CyberTipRows.NotKeptRow("", (all.size() - MAX_ROWS + 1)
        + " more values in the raw record", "MORE"));
    return List.copyOf(cut);
  }

  private static void parties(List<CyberTipRows.NotKeptRow> out, String prefix,
      List<Party> parties, String element, String personElement, String tipPlatform) {
    for (int i = 0; i < parties.size(); i++) {
      Party p = parties.get(i);
      String owner = prefix + element + "[" + (i + 1) + "]";
      String person = owner + "/" + personElement;
      for (String name : p.displayNames()) {
        add(out, owner + "/displayName", name);
      }
      for (Phone phone : p.phones()) {
        if (phone.extension() != null && !phone.extension().isBlank()) {
          add(out, person + "/phone/@extension", phone.extension());
        }
      }
      List<Address> addresses = p.addresses();
      for (int a = 0; a < addresses.size(); a++) {
        Address address = addresses.get(a);
        String at = person + "/address" + (addresses.size() > 1 ? "[" + (a + 1) + "]" : "");
        if (a == 0) {
          // The person's row holds the first address's street, postal code, city, country.
          add(out, at + "/@type", address.type());
          add(out, at + "/state", address.state());
        } else {
          add(out, at, Stream.of(address.street(), address.zipCode(), address.city(),
                  address.state(), address.country(), address.type() == null ? null
                      : "(" + address.type() + ")")
              .filter(Objects::nonNull).filter(s -> !s.isBlank())
              .collect(Collectors.joining(", ")));
        }
      }
      boolean accounts = !p.screenNames().isEmpty() || !p.espIdentifiers().isEmpty()
          || !p.profileUrls().isEmpty();
      if (p.espService() != null && !accounts && !p.espService().equals(tipPlatform)) {
        // The platform is stored with the person's accounts; without any it has no place.
        add(out, owner + "/espService", p.espService());
      }
    }
  }

  private static void file(List<CyberTipRows.NotKeptRow> out, String owner, ReportedFile f) {
    java.util.Set<FileHash.Algorithm> taken = java.util.EnumSet.noneOf(FileHash.Algorithm.class);
    for (FileHash h : f.hashes()) {
      // media holds one MD5, one SHA-1 and one SHA-256: the first of each.
      if (h.algorithm() == FileHash.Algorithm.OTHER || !taken.add(h.algorithm())) {
        add(out, owner + "/originalFileHash", h.type() + " " + h.value());
      }
    }
    for (ReportedFile.Detail d : f.details()) {
      add(out, owner + "/details/nameValuePair", (d.type() == null ? "" : d.type() + ": ")
          + (d.name() == null ? "" : d.name()) + " = " + (d.value() == null ? "" : d.value()));
    }
  }

  private static void add(List<CyberTipRows.NotKeptRow> out, String path, String value) {
    if (value != null && !value.isBlank()) {
      out.add(new CyberTipRows.NotKeptRow(path, value.strip(), "NOT_STORED"));
    }
  }
}
