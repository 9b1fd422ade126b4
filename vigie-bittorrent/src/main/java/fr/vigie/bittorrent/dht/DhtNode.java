package fr.vigie.bittorrent.dht;

import java.net.InetSocketAddress;

/** A DHT node: its id and UDP address. */
public record DhtNode(NodeId id, InetSocketAddress address) {}
