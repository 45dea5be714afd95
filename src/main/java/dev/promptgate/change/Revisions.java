package dev.promptgate.change;

/**
 * Announced by {@link ChangeListener} on this replica whenever another write may have landed (a notification, the
 * periodic check, a reconnect): the revisions now in {@code distribution_state}. The bundle store, the
 * enrollment-token cache and the verified identities observe it and reload what moved. Observers run on the
 * listener's thread; an exception (the database went away) makes the listener reconnect and announce again.
 *
 * @param policy the policy revision: moves on every {@link PolicyChanged} and {@link SigningKeysChanged}
 * @param tokens the token revision: moves on every {@link TokensChanged}
 * @param directory the directory revision: moves on every {@link DirectoryChanged}
 */
public record Revisions(long policy, long tokens, long directory) {}
