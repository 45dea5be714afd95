package dev.promptgate.policy;

/** What the extension does on a service's pages, from the mildest to the strictest. */
public enum Action {
    /** Nothing visible; visits are still reported. */
    ALLOW,
    /** A banner with the message and the guidelines; the user may continue. */
    WARN,
    /** The page stays covered until the user accepts the current guidelines. */
    ACKNOWLEDGE,
    /** The page does not load; the block page names the reason and the approved alternative. */
    BLOCK
}
