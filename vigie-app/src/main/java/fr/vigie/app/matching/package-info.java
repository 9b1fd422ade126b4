/**
 * Known-content detection: hash sets with their provenance, their entries, and the matches of
 * media against them. Owns {@code hash_sets}, {@code hash_entries} and {@code matches}.
 */
package fr.vigie.app.matching;
