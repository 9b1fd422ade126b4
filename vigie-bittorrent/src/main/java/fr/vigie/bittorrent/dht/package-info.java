/**
 * A read-only Mainline DHT client (BEP 5, with BEP 43's {@code ro} flag): iterative {@code
 * get_peers} from configured bootstrap nodes, never {@code announce_peer}, bounded traffic.
 */
package fr.vigie.bittorrent.dht;
