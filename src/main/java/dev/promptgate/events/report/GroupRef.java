package dev.promptgate.events.report;

/** The group a report is limited to. */
public record GroupRef(long id, String name) {}
