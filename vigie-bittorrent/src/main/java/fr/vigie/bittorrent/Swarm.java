package fr.vigie.bittorrent;

import fr.vigie.bittorrent.metainfo.Metainfo;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;

/**
 * What the sessions of one probe share: the target, our peer id, the info dictionary once one
 * peer gave it, and where PEX leads go. Thread-safe.
 */
final class Swarm {

  final Target target;
  final ProbeOptions options;
  final byte[] peerId;
  private final AtomicReference<Metainfo> metainfo = new AtomicReference<>();
  private final BiConsumer<InetSocketAddress, List<InetSocketAddress>> pexSink;

  Swarm(Target target, ProbeOptions options, byte[] peerId, BiConsumer<InetSocketAddress, List<InetSocketAddress>> pexSink) {
    this.target = target;
    this.options = options;
    this.peerId = peerId.clone();
    this.pexSink = pexSink;
    if (target instanceof Target.Torrent t) {
      metainfo.set(t.metainfo());
    }
  }

  Optional<Metainfo> metainfo() {
    return Optional.ofNullable(metainfo.get());
  }

  /** The first verified info dictionary wins; later ones hash the same. */
  void offer(Metainfo m) {
    metainfo.compareAndSet(null, m);
  }

  void pex(InetSocketAddress from, List<InetSocketAddress> added) {
    pexSink.accept(from, added);
  }
}
