/**
 * Coordinated nationwide operations and their targets, each carried out by one unit. Owns
 * {@code operations} and {@code targets}. Planning and outcomes come with their own issue.
 */
package fr.vigie.app.operations;
