package fr.vigie.app.intake;

/** A media row found by one of its declared hashes, with what it declared (any may be null). */
public record DeclaredMedia(long id, String md5, String sha1, String sha256, String contentRef) {}
