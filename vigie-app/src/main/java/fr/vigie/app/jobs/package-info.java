/**
 * The work queue between the pipeline's stages (report imported → match media, attribute IP
 * events…), in the database so that several nodes share it and a crash loses nothing. Owns
 * {@code jobs}.
 */
package fr.vigie.app.jobs;
