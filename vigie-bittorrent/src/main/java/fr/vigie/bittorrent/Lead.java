package fr.vigie.bittorrent;

import java.net.InetSocketAddress;
import java.time.Instant;

/** An address to try, where it came from and when we learnt it. Not evidence. */
public record Lead(InetSocketAddress address, LeadSource source, Instant seenAt) {}
