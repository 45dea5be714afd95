package dev.promptgate.change;

/**
 * Fired inside the writer's transaction when the directory changes who belongs to which group (a person provisioned,
 * deactivated or removed, a membership added or taken away). It changes which bundle a person gets, not what any
 * bundle says: replicas forget the identities they verified, and keep their compiled bundles.
 *
 * @param what a short name of what changed, for the log only
 */
public record DirectoryChanged(String what) {}
