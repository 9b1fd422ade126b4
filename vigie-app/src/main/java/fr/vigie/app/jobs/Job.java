package fr.vigie.app.jobs;

/**
 * A unit of work handed from one stage to the next, as claimed by a worker.
 *
 * @param kind which {@link JobHandler} runs it
 * @param payload what the handler needs, as text (an id, a small JSON object)
 * @param attempts how many times it has been claimed, this time included
 */
public record Job(long id, String kind, String payload, int attempts) {}
