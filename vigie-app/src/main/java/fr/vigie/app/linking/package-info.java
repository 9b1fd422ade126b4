/**
 * Linking identifiers into suspects: deterministic rules, Fellegi–Sunter proposals, analysts'
 * decisions replayed on every run, incremental and full runs giving the same result. Writes the
 * tables {@code fr.vigie.app.suspects} shows ({@code suspects}, {@code suspect_identifiers},
 * {@code links}, {@code suspect_decisions}) and owns {@code link_decisions},
 * {@code subscriber_link_keys} and {@code linking_state}. See docs/linking.md.
 */
package fr.vigie.app.linking;
