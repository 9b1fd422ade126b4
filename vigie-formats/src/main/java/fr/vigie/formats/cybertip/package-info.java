/**
 * Streaming, hardened reader of CyberTipline XML: Vigie's envelope ({@code <cyberTips>} of
 * {@code <cyberTip reportId receivedAt>}, each holding one NCMEC {@code <report>} and its
 * {@code <fileDetails>}), and the provider documents themselves (a bare {@code <report>}, with
 * an id derived from its content and source, and separate {@code <fileDetails>} documents that
 * join their report within a zip or folder). docs/formats.md. One
 * {@link fr.vigie.formats.cybertip.CyberTipOutcome} per record; a bad record never stops the
 * others; what no field holds is listed in {@link fr.vigie.formats.cybertip.CyberTip#notKept()}.
 */
package fr.vigie.formats.cybertip;
