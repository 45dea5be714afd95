package dev.promptgate.deploy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The browser policies that force-install the extension and close the private-window bypass, per browser. */
final class BrowserPolicies {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private BrowserPolicies() {}

    /** The extension ID the browser knows the extension by. */
    static String extensionId(Browser browser, DeploymentSettings settings) {
        return switch (browser) {
            case CHROME -> settings.chromeId();
            case EDGE -> settings.edgeId();
            case FIREFOX -> settings.firefoxId();
        };
    }

    static ObjectNode of(Browser browser, DeploymentSettings settings) {
        String extensionId = extensionId(browser, settings);
        ObjectNode policies = NODES.objectNode();
        switch (browser) {
            case CHROME -> {
                chromium(policies, extensionId, settings.chromeUpdateUrl()).put("toolbar_pin", "force_pinned");
                // An extension runs in incognito only if the user allows it there; no policy can, so incognito goes.
                policies.put("IncognitoModeAvailability", 1);
            }
            case EDGE -> {
                chromium(policies, extensionId, settings.edgeUpdateUrl()).put("toolbar_state", "force_shown");
                policies.put("InPrivateModeAvailability", 1);
                // Should InPrivate be turned back on, it still only opens with the extension allowed in it.
                policies.putArray("MandatoryExtensionsForInPrivateNavigation").add(extensionId);
            }
            case FIREFOX -> {
                ObjectNode settingsNode =
                        policies.putObject("ExtensionSettings").putObject(extensionId);
                settingsNode.put("installation_mode", "force_installed");
                settingsNode.put("install_url", settings.firefoxInstallUrl());
                settingsNode.put("private_browsing", true);
                settingsNode.put("default_area", "navbar");
            }
        }
        return policies;
    }

    /** What Chrome and Edge share: the force-install entry in both policies; returns the extension's settings. */
    private static ObjectNode chromium(ObjectNode policies, String extensionId, String updateUrl) {
        ObjectNode settings = policies.putObject("ExtensionSettings").putObject(extensionId);
        settings.put("installation_mode", "force_installed");
        settings.put("update_url", updateUrl);
        policies.putArray("ExtensionInstallForcelist").add(extensionId + ";" + updateUrl);
        return settings;
    }
}
