package fr.vigie.app.p2p;

import java.time.Instant;

/** A registered sensor; {@code publicKey} is the base64 of its Ed25519 key's X.509 encoding. */
public record Sensor(long id, String name, String publicKey, String createdBy,
    Instant createdAt) {}
