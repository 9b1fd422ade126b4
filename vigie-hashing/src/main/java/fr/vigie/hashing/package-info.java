/**
 * Content hashing for known-content detection: exact digests ({@link fr.vigie.hashing.ContentDigester}),
 * the PDQ perceptual hash ({@link fr.vigie.hashing.PdqHasher}) and Hamming-distance search over
 * PDQ hashes ({@link fr.vigie.hashing.PdqIndex}, checked against
 * {@link fr.vigie.hashing.BruteForcePdqSearch}). Pure Java, no framework.
 */
package fr.vigie.hashing;
