/**
 * The web shell: sign-in page, layout and navigation, language switch, pages not built yet. Other
 * features add their pages to it.
 */
package fr.vigie.app.web;
