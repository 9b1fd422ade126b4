/** Figures across the pipeline (dashboard, statistics). Reads through other features' services. */
package fr.vigie.app.statistics;
