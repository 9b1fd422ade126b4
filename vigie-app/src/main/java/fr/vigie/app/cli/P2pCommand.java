package fr.vigie.app.cli;

import fr.vigie.app.audit.AuditActor;
import fr.vigie.app.p2p.Ed25519Keys;
import fr.vigie.app.p2p.Provenance;
import fr.vigie.app.p2p.SensorLoop;
import fr.vigie.app.p2p.SensorRound;
import fr.vigie.app.p2p.Sensors;
import fr.vigie.app.p2p.SignedLines;
import fr.vigie.app.p2p.TimeSource;
import fr.vigie.app.p2p.TorrentMatches;
import fr.vigie.app.p2p.WatchEntry;
import fr.vigie.app.p2p.Watchlist;
import fr.vigie.bittorrent.Leads;
import fr.vigie.bittorrent.ProbeOptions;
import fr.vigie.bittorrent.Target;
import fr.vigie.bittorrent.metainfo.MagnetLink;
import fr.vigie.bittorrent.metainfo.Metainfo;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vigie p2p …}: the P2P sensor. The watchlist and the sensors' keys live in the database;
 * {@code probe} and {@code verify} need none (a probe runs one round without the platform, a
 * verification needs only the sensor's public key). See docs/p2p.md, "The application".
 */
@Command(name = "p2p", mixinStandardHelpOptions = true,
    description = "The P2P sensor: watchlist, sensors, one probe round, signature checks.",
    subcommands = {P2pCommand.Watch.class, P2pCommand.RegisterSensor.class,
        P2pCommand.Keygen.class, P2pCommand.Verify.class, P2pCommand.Probe.class,
        P2pCommand.Sensor.class})
final class P2pCommand implements Runnable {

  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(),
        "Missing subcommand: try 'vigie p2p --help'");
  }

  private static AuditActor actor() {
    return AuditActor.commandLine(AccountAdministration.operatingSystemActor());
  }

  @Command(name = "watch", mixinStandardHelpOptions = true,
      description = "The watchlist: add a torrent with its provenance, list the entries.",
      subcommands = {Watch.Add.class, Watch.ListEntries.class, Watch.Deactivate.class,
          Watch.Activate.class})
  static final class Watch implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "Missing subcommand: try 'vigie p2p watch --help'");
    }

    /** Exactly one of the three ways to name a torrent. */
    static final class What {
      @Option(names = "--infohash", paramLabel = "HEX", required = true,
          description = "40 (v1) or 64 (v2) hex digits.")
      String infohash;

      @Option(names = "--torrent", paramLabel = "FILE", required = true,
          description = "A .torrent file (kept: the sensor probes from it).")
      Path torrent;

      @Option(names = "--magnet", paramLabel = "URI", required = true,
          description = "A magnet link.")
      String magnet;
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
        description = {"Watch a torrent; on the audit record as cli:<OS user>.",
            "Exit 0 added, 1 refused (already watched, unreadable torrent), 2 usage error."})
    static final class Add implements Callable<Integer> {

      @ArgGroup(exclusive = true, multiplicity = "1")
      What what;

      @Option(names = "--provenance", required = true, paramLabel = "KIND:REF",
          description = "Why it is watched: case:REF, hashset:ENTRY, partner:LIST or "
              + "report:NUMBER.")
      String provenance;

      @Mixin
      HomeOption home;

      @Spec
      CommandSpec spec;

      @Override
      public Integer call() throws Exception {
        Provenance p;
        try {
          p = Provenance.parse(provenance);
        } catch (IllegalArgumentException e) {
          throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        Watchlist.What w = what.infohash != null ? new Watchlist.What.Infohash(what.infohash)
            : what.torrent != null ? new Watchlist.What.Torrent(Files.readAllBytes(what.torrent))
            : new Watchlist.What.Magnet(what.magnet);
        try (ConfigurableApplicationContext context =
                 SpringLauncher.startWithoutWeb(home.resolve())) {
          return switch (context.getBean(Watchlist.class).add(w, p, actor())) {
            case Watchlist.Addition.Added a -> {
              PrintWriter out = spec.commandLine().getOut();
              out.println("watching " + a.entry().infohash() + " as entry " + a.entry().id()
                  + a.entry().displayName().map(n -> " (" + n + ")").orElse("") + ", "
                  + a.entry().provenance());
              for (TorrentMatches.FileMatch f : context.getBean(TorrentMatches.class)
                  .of(a.entry().id())) {
                out.println("  known file " + f.path() + " (" + f.length() + " bytes, SHA-256 "
                    + f.sha256() + "): " + f.matches().stream()
                        .map(k -> k.setName() + " " + k.setVersion() + " category "
                            + k.category()).toList());
              }
              out.flush();
              yield 0;
            }
            case Watchlist.Addition.Invalid i -> throw new Refused(i.reason());
          };
        }
      }
    }

    @Command(name = "deactivate", mixinStandardHelpOptions = true,
        description = {"Stop watching an entry (its observations stay); audited.",
            "Exit 0 done, 1 no such entry or already inactive."})
    static final class Deactivate implements Callable<Integer> {

      @CommandLine.Parameters(index = "0", paramLabel = "ID")
      long id;

      @Mixin
      HomeOption home;

      @Spec
      CommandSpec spec;

      @Override
      public Integer call() throws Exception {
        return setActive(home, spec, id, false);
      }
    }

    @Command(name = "activate", mixinStandardHelpOptions = true,
        description = {"Watch an entry again; audited.",
            "Exit 0 done, 1 no such entry or already active."})
    static final class Activate implements Callable<Integer> {

      @CommandLine.Parameters(index = "0", paramLabel = "ID")
      long id;

      @Mixin
      HomeOption home;

      @Spec
      CommandSpec spec;

      @Override
      public Integer call() throws Exception {
        return setActive(home, spec, id, true);
      }
    }

    static int setActive(HomeOption home, CommandSpec spec, long id, boolean active)
        throws IOException {
      try (ConfigurableApplicationContext context =
               SpringLauncher.startWithoutWeb(home.resolve())) {
        if (!context.getBean(Watchlist.class).setActive(id, active, actor())) {
          throw new Refused("no entry " + id + ", or it is already "
              + (active ? "active" : "inactive"));
        }
        spec.commandLine().getOut().println("entry " + id + (active ? " watched again"
            : " no longer watched"));
        spec.commandLine().getOut().flush();
        return 0;
      }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
        description = "List the entries: id, active, infohash, provenance, added by, name.")
    static final class ListEntries implements Callable<Integer> {

      @Mixin
      HomeOption home;

      @Spec
      CommandSpec spec;

      @Override
      public Integer call() throws Exception {
        try (ConfigurableApplicationContext context =
                 SpringLauncher.startWithoutWeb(home.resolve())) {
          PrintWriter out = spec.commandLine().getOut();
          for (WatchEntry e : context.getBean(Watchlist.class).all()) {
            out.println(String.format(Locale.ROOT, "%5d %-8s %-64s %-30s %-20s %s", e.id(),
                e.active() ? "active" : "inactive", e.infohash(), e.provenance(), e.addedBy(),
                e.displayName().orElse("")));
          }
          out.flush();
          return 0;
        }
      }
    }
  }

  @Command(name = "register-sensor", mixinStandardHelpOptions = true,
      description = {"Register a sensor and the Ed25519 public key its observations are "
          + "checked against; on the audit record as cli:<OS user>.",
          "Exit 0 registered, 1 refused (name or key taken, not an Ed25519 key), 2 usage error."})
  static final class RegisterSensor implements Callable<Integer> {

    @Option(names = "--name", required = true, paramLabel = "NAME",
        description = "1 to 64 of A-Z a-z 0-9 _ . - : what its lines carry in \"sensor\".")
    String name;

    @Option(names = "--public-key", required = true, paramLabel = "FILE",
        description = "Its public key, PEM (openssl genpkey -algorithm ed25519, then "
            + "openssl pkey -pubout) or from ./vigie p2p keygen.")
    Path publicKey;

    @Mixin
    HomeOption home;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      String key = Files.readString(publicKey, StandardCharsets.US_ASCII);
      try (ConfigurableApplicationContext context =
               SpringLauncher.startWithoutWeb(home.resolve())) {
        return switch (context.getBean(Sensors.class).register(name, key, actor())) {
          case Sensors.Registration.Registered r -> {
            spec.commandLine().getOut().println("registered sensor " + r.sensor().name()
                + " (id " + r.sensor().id() + ")");
            spec.commandLine().getOut().flush();
            yield 0;
          }
          case Sensors.Registration.Invalid i -> throw new Refused(i.reason());
        };
      }
    }
  }

  @Command(name = "keygen", mixinStandardHelpOptions = true,
      description = "Make a sensor's Ed25519 key pair: FILE (private, 0600) and FILE.pub.")
  static final class Keygen implements Callable<Integer> {

    @Option(names = "--out", required = true, paramLabel = "FILE",
        description = "Where the private key goes; the public key goes to FILE.pub.")
    Path out;

    @Mixin
    HomeOption home;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
      Path pub = out.resolveSibling(out.getFileName() + ".pub");
      if (Files.exists(out) || Files.exists(pub)) {
        throw new Refused(out + " or " + pub + " exists already: a key is never overwritten");
      }
      KeyPair pair = Ed25519Keys.generate();
      String[] pem = Ed25519Keys.pem(pair);
      Files.writeString(out, pem[0], StandardCharsets.US_ASCII);
      try {
        Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system: the folder's permissions stand
      }
      Files.writeString(pub, pem[1], StandardCharsets.US_ASCII);
      spec.commandLine().getOut().println("private key " + out + ", public key " + pub);
      spec.commandLine().getOut().flush();
      return 0;
    }
  }

  @Command(name = "verify", mixinStandardHelpOptions = true,
      description = {"Check the signature of every line of a JSON Lines file of observations "
          + "against a sensor's public key; names each bad line.",
          "Exit 0 every line checks, 1 any does not, 2 usage error."})
  static final class Verify implements Callable<Integer> {

    @Option(names = "--in", required = true, paramLabel = "FILE.jsonl")
    Path in;

    @Option(names = "--public-key", required = true, paramLabel = "FILE",
        description = "The sensor's public key (PEM).")
    Path publicKey;

    @Mixin
    HomeOption home;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
      PublicKey key;
      try {
        key = Ed25519Keys.readPublicKey(publicKey);
      } catch (IllegalArgumentException e) {
        throw new Refused(publicKey + ": " + e.getMessage());
      }
      PrintWriter out = spec.commandLine().getOut();
      long lineNo = 0;
      long good = 0;
      List<String> bad = new ArrayList<>();
      try (BufferedReader r = Files.newBufferedReader(in, StandardCharsets.UTF_8)) {
        String line;
        while ((line = r.readLine()) != null) {
          lineNo++;
          if (line.isBlank()) {
            continue;
          }
          Optional<SignedLines.Split> split = SignedLines.split(line.strip());
          if (split.isEmpty()) {
            bad.add("line " + lineNo + ": no signature");
          } else if (!Ed25519Keys.verify(key, split.get().signedText(),
              split.get().signature())) {
            bad.add("line " + lineNo + ": bad signature (altered, or signed by another key)");
          } else {
            good++;
          }
        }
      }
      bad.forEach(out::println);
      out.println(good + " line(s) verified, " + bad.size() + " bad, in " + in);
      out.flush();
      return bad.isEmpty() ? 0 : 1;
    }
  }

  @Command(name = "probe", mixinStandardHelpOptions = true,
      description = {"One probe round of one torrent, without the platform: one JSON object "
          + "per line per peer contacted, signed with the sensor's key (--key).",
          "Exit 0 when the round ran, whatever it found; 2 usage error."})
  static final class Probe implements Callable<Integer> {

    static final class Torrent {
      @Option(names = "--torrent", required = true, paramLabel = "FILE")
      Path torrent;

      @Option(names = "--magnet", required = true, paramLabel = "URI")
      String magnet;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Torrent what;

    @Option(names = "--tracker", paramLabel = "URL", description = "Another tracker to ask.")
    List<String> trackers = new ArrayList<>();

    @Option(names = "--peer", paramLabel = "HOST:PORT", description = "A peer to contact.")
    List<String> peers = new ArrayList<>();

    @Option(names = "--pieces", paramLabel = "N", defaultValue = "0",
        description = "Pieces to download and verify from each peer (default 0: observe only).")
    int pieces;

    @Option(names = "--out", required = true, paramLabel = "FILE.jsonl")
    Path out;

    @Option(names = "--key", paramLabel = "FILE",
        description = "The sensor's private key (PEM); without it lines carry "
            + "\"signature\":null.")
    Path key;

    @Option(names = "--sensor", paramLabel = "NAME",
        description = "The sensor's name written in each line (default: this host's name).")
    String sensor;

    @Option(names = "--unchoke-wait", paramLabel = "SECONDS", defaultValue = "30")
    long unchokeWait;

    @Option(names = "--local-address", paramLabel = "IP",
        description = "The address our connections leave from.")
    String localAddress;

    @Option(names = "--loopback-only",
        description = "Contact loopback addresses only (tests).")
    boolean loopbackOnly;

    @Option(names = "--ntp", paramLabel = "HOST[:PORT]",
        description = "Check the clock against this NTP server first: the round runs on the "
            + "corrected clock and each line records the offset (without it: the system clock, "
            + "unchecked, and the lines say so).")
    String ntp;

    @Mixin
    HomeOption home;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
      Target target;
      List<InetSocketAddress> addresses = new ArrayList<>();
      Optional<PrivateKey> privateKey = Optional.empty();
      TimeSource.Checked time;
      try {
        time = ntp == null ? TimeSource.unchecked()
            : TimeSource.check(Clock.systemUTC(), TimeSource.server(ntp), Duration.ofSeconds(3));
      } catch (IOException | RuntimeException e) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--ntp " + ntp + ": "
            + e.getMessage());
      }
      ProbeOptions.Builder options = ProbeOptions.builder(time.clock())
          .unchokeWait(Duration.ofSeconds(unchokeWait));
      try {
        target = what.torrent != null
            ? Target.of(Metainfo.parse(Files.readAllBytes(what.torrent)))
            : Target.of(MagnetLink.parse(what.magnet));
        for (String p : peers) {
          MagnetLink.HostPort hp = MagnetLink.HostPort.parse(p);
          addresses.add(new InetSocketAddress(InetAddress.getByName(hp.host()), hp.port()));
        }
        if (key != null) {
          privateKey = Optional.of(Ed25519Keys.readPrivateKey(key));
        }
        if (pieces < 0) {
          throw new IllegalArgumentException("--pieces must be 0 or more");
        }
        options.piecesPerPeer(pieces);
        if (localAddress != null) {
          options.localAddress(InetAddress.getByName(localAddress));
        }
        if (loopbackOnly) {
          options.mayContact(ProbeOptions::loopback);
        }
      } catch (RuntimeException | java.net.UnknownHostException e) {
        throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
      }
      String name = sensor != null ? sensor : hostName();
      SignedLines.SensorStamp stamp = new SignedLines.SensorStamp(name,
          new VigieVersion().getVersion()[0].replaceFirst(" \\(built.*", ""),
          time.offsetMs().orElse(null), time.source());
      SensorRound.Round round = SensorRound.run(target,
          Leads.fromTarget().withTrackers(trackers).withPeers(addresses), options.build(),
          stamp, privateKey);
      try (Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
        for (String line : round.lines()) {
          w.write(line);
          w.write('\n');
        }
      }
      PrintWriter err = spec.commandLine().getErr();
      if (privateKey.isEmpty()) {
        err.println("warning: no --key, the lines are not signed");
      }
      spec.commandLine().getOut().printf(Locale.ROOT,
          "%s: %d leads, %d peers contacted, %d verified, %d bytes uploaded -> %s%n",
          round.infohash(), round.leads(), round.contacted(), round.verified(),
          round.uploadedBytes(), out);
      spec.commandLine().getOut().flush();
      err.flush();
      return 0;
    }

    private static String hostName() {
      try {
        return InetAddress.getLocalHost().getHostName();
      } catch (IOException e) {
        return "sensor";
      }
    }
  }

  @Command(name = "sensor", mixinStandardHelpOptions = true,
      description = {"Run the sensor on its own: pull the watchlist from the platform's API "
          + "(a SENSOR token), probe each entry, push the signed lines back; lines wait in the "
          + "spool while the platform is unreachable and are sent first after a restart.",
          "Configuration (properties): platform, token-file, name, key, spool, "
              + "interval-seconds (900), rounds (0: forever), pieces (0), "
              + "unchoke-wait-seconds (30), loopback-only, trackers, peers, local-address, "
              + "ntp-server.",
          "Exit 0 after the configured rounds, 1 for an unreadable configuration, 2 usage."})
  static final class Sensor implements Callable<Integer> {

    @Option(names = "--config", required = true, paramLabel = "FILE")
    Path config;

    @Mixin
    HomeOption home;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      SensorLoop.Settings settings;
      try {
        settings = SensorLoop.Settings.read(config,
            new VigieVersion().getVersion()[0].replaceFirst(" \\(built.*", ""));
      } catch (IllegalArgumentException | IOException e) {
        throw new Refused(config + ": " + e.getMessage());
      }
      PrintWriter log = spec.commandLine().getErr();
      new SensorLoop(settings, log, Clock.systemUTC()).run();
      log.flush();
      return 0;
    }
  }
}
