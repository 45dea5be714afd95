package dev.promptgate.change;

/** Fired inside the writer's transaction when the bundle signing keys rotate: every bundle must be signed again. */
public record SigningKeysChanged() {}
