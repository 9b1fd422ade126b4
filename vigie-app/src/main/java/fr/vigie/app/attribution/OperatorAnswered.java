package fr.vigie.app.attribution;

/**
 * Published when an operator's answer stored subscribers, so that linking (and whatever reads
 * subscribers) can queue its work once the answer's transaction has committed.
 *
 * @param answerId the {@code requisition_answers} row
 */
public record OperatorAnswered(long answerId) {}
