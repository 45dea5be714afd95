package dev.promptgate.change;

/** Fired inside the writer's transaction when an enrollment token is created, rotated or revoked. */
public record TokensChanged() {}
