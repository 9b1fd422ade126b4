/**
 * Bencode (BEP 3), byte-exact: every decoded value keeps the span of the input it came from, so
 * that the info dictionary is hashed as received and never re-encoded.
 */
package fr.vigie.bittorrent.bencode;
