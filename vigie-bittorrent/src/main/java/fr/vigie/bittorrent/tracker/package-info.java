/**
 * Tracker clients: HTTP (BEP 3, compact BEP 23, {@code peers6} BEP 7) and UDP (BEP 15), every
 * tier (BEP 12). We announce as a leecher holding nothing: {@code uploaded=0}, {@code
 * downloaded=0}, {@code left} = the torrent's size, never {@code event=completed}.
 */
package fr.vigie.bittorrent.tracker;
