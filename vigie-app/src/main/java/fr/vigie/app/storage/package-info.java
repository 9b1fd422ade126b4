/** Shared storage conventions every feature follows (UTC instants). No tables of its own. */
package fr.vigie.app.storage;
