package dev.promptgate.dlp;

/**
 * What the extension does when a detector triggers: {@code ALLOW} records and never interrupts, {@code WARN} asks
 * the person, {@code REDACT} replaces each match with a placeholder, {@code BLOCK} refuses the paste or the send.
 */
public enum DlpAction {
    ALLOW,
    WARN,
    REDACT,
    BLOCK
}
