/**
 * Attribution of IP events (France and its operator / abroad / CGNAT without port / expired /
 * unattributed, with the reason), the operators directory, requisitions to operators and the
 * import of their answers into subscribers with the responsible unit. Owns {@code ip_attributions},
 * {@code operators*}, {@code requisition*} and {@code subscribers}. See docs/attribution.md.
 */
package fr.vigie.app.attribution;
