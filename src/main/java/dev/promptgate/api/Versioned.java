package dev.promptgate.api;

/** A view of a resource that has a version; responses carrying one get {@code ETag: "<version>"}. */
public interface Versioned {
    long version();
}
