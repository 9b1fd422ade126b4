/**
 * What a torrent is: metainfo v1, v2 and hybrid (BEP 3, BEP 52), infohashes computed over the raw
 * info dictionary, and magnet links (BEP 9, BEP 53 for {@code x.pe}).
 */
package fr.vigie.bittorrent.metainfo;
