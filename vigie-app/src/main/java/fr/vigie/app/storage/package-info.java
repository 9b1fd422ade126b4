/**
 * Shared storage conventions every feature follows: UTC instants ({@link Timestamps}), the
 * database in use ({@link DatabaseServer}), the AES keys kept outside it ({@link KeyFiles}). No
 * tables of its own.
 */
package fr.vigie.app.storage;
