/**
 * Content hashing for known-content detection: exact digests today; PDQ and the matching index
 * come with the known-content issue. Pure Java, no framework.
 */
package fr.vigie.hashing;
