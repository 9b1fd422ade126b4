/**
 * Cases (dossiers), scoped to the unit that carries them. Owns {@code cases},
 * {@code case_suspects}, {@code case_events}, {@code case_tasks} and {@code exhibits}. The
 * lifecycle, exhibits and export come with their own issue.
 */
package fr.vigie.app.cases;
