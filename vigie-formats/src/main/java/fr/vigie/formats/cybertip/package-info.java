/**
 * Streaming, hardened reader of Vigie's CyberTipline intake format: {@code <cyberTips>} of
 * {@code <cyberTip reportId receivedAt>}, each holding one NCMEC {@code <report>} and its
 * {@code <fileDetails>} (docs/formats.md). One {@link fr.vigie.formats.cybertip.CyberTipOutcome}
 * per cyberTip, in input order; a bad record never stops the others.
 */
package fr.vigie.formats.cybertip;
