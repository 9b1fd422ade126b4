package fr.vigie.app.jobs;

import java.util.UUID;

/**
 * A unit of work handed from one stage to the next, as claimed by a worker.
 *
 * @param kind which {@link JobHandler} runs it
 * @param dedupeKey what it works on, as its kind names it (e.g. {@code match-import:42})
 * @param payload what the handler needs, as stored (see docs/jobs.md)
 * @param attempts how many times it has been claimed, this time included
 * @param lease this claim's token: the job can be finished only while the queue still holds it
 */
public record Job(long id, String kind, String dedupeKey, String payload, int attempts,
    UUID lease) {}
