package dev.promptgate.deploy;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What a deployment document says, before it is written in a format: the browser's own policies and the
 * extension's managed configuration. Each format puts the managed configuration where its browser reads it.
 *
 * @param policies browser policies by name ({@code ExtensionSettings}, …), without {@code 3rdparty}
 * @param managedConfig what the extension reads from {@code storage.managed}
 */
public record BrowserPolicy(
        Browser browser, String extensionId, String serverUrl, ObjectNode policies, ObjectNode managedConfig) {}
