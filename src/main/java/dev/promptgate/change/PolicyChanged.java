package dev.promptgate.change;

/**
 * Fired inside the writer's transaction by a service whose write changes what a policy bundle says (catalog,
 * rules, groups, URL lists, settings, a published guideline, an applied policy document).
 *
 * @param what a short name of what changed, for the log only
 */
public record PolicyChanged(String what) {}
