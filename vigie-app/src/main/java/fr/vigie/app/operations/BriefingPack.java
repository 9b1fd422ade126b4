package fr.vigie.app.operations;

/**
 * One unit's briefing pack for an operation: the PDF, the SHA-256 of its content manifest (the
 * canonical text of every line, UTF-8) and of its bytes. The same data give the same bytes.
 */
public record BriefingPack(String fileName, byte[] pdf, String manifestSha256,
    String pdfSha256, int targets) {}
