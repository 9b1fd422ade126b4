/**
 * Suspects: clusters of identifiers believed to be one person, scoped to a unit once attributed.
 * Owns {@code suspects}, {@code suspect_identifiers}, {@code links} and
 * {@code suspect_decisions}. Linking itself comes with its own issue.
 */
package fr.vigie.app.suspects;
