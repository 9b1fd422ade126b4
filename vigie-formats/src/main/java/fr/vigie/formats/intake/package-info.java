/** Opens any input of reports Vigie reads, whatever its format. */
package fr.vigie.formats.intake;
