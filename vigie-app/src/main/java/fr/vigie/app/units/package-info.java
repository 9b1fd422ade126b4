/**
 * Units (the central office, its antennas, the judicial police services) and the département each
 * one is responsible for. Owns the tables {@code units} and {@code departements}.
 */
package fr.vigie.app.units;
