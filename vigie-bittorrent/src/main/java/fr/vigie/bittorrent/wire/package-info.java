/**
 * The peer wire protocol (BEP 3) with the extension protocol (BEP 10), {@code ut_metadata} (BEP
 * 9), the fast extension (BEP 6) and PEX (BEP 11). {@link fr.vigie.bittorrent.wire.MessageWriter}
 * can write only what a leecher holding nothing sends: it has no way to send a piece, a bitfield
 * with a piece, a {@code have} or an unchoke.
 */
package fr.vigie.bittorrent.wire;
