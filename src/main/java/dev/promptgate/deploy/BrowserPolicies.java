package dev.promptgate.deploy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The browser policies that force-install the extension and close the private-window bypass, per browser. */
final class BrowserPolicies {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private BrowserPolicies() {}

    /**
     * Where the browser gets the extension: for Chrome and Edge the configured store or update URL with the configured
     * ID, or by default this server's update manifest with the ID of the package it offers; for Firefox the add-on ID
     * and the XPI's install_url.
     */
    record Source(String extensionId, String updateUrl) {}

    /** The DeveloperToolsAvailability value asked for: 0 closes DevTools on force-installed extensions, 2 everywhere. */
    enum DeveloperTools {
        UNCHANGED(null),
        BLOCKED_FOR_EXTENSIONS(0),
        BLOCKED(2);

        final Integer policyValue;

        DeveloperTools(Integer policyValue) {
            this.policyValue = policyValue;
        }
    }

    static ObjectNode of(Browser browser, Source source, DeveloperTools devTools) {
        String extensionId = source.extensionId();
        ObjectNode policies = NODES.objectNode();
        switch (browser) {
            case CHROME -> {
                chromium(policies, extensionId, source.updateUrl()).put("toolbar_pin", "force_pinned");
                // An extension runs in incognito only if the user allows it there; no policy can, so incognito goes.
                policies.put("IncognitoModeAvailability", 1);
                // A guest profile has no force-installed extensions.
                policies.put("BrowserGuestModeEnabled", false);
                developerTools(policies, devTools);
            }
            case EDGE -> {
                chromium(policies, extensionId, source.updateUrl()).put("toolbar_state", "force_shown");
                policies.put("InPrivateModeAvailability", 1);
                // Should InPrivate be turned back on, it still only opens with the extension allowed in it.
                policies.putArray("MandatoryExtensionsForInPrivateNavigation").add(extensionId);
                policies.put("BrowserGuestModeEnabled", false);
                developerTools(policies, devTools);
            }
            case FIREFOX -> {
                ObjectNode settingsNode =
                        policies.putObject("ExtensionSettings").putObject(extensionId);
                settingsNode.put("installation_mode", "force_installed");
                settingsNode.put("install_url", source.updateUrl());
                settingsNode.put("private_browsing", true);
                settingsNode.put("default_area", "navbar");
                // Firefox grants a Manifest V3 add-on its access to websites (<all_urls>) at install only while this
                // preference is on; without that access the add-on enforces nothing and cannot reach the server.
                // Locked, no distribution default or profile turns it off (docs/adr/0028-firefox-enforcement.md).
                policies.putObject("Preferences")
                        .putObject("extensions.originControls.grantByDefault")
                        .put("Value", true)
                        .put("Status", "locked");
                // Firefox has no per-extension switch: asking for either DevTools setting turns DevTools off.
                if (devTools.policyValue != null) {
                    policies.put("DisableDeveloperTools", true);
                }
            }
        }
        return policies;
    }

    private static void developerTools(ObjectNode policies, DeveloperTools devTools) {
        if (devTools.policyValue != null) {
            policies.put("DeveloperToolsAvailability", devTools.policyValue);
        }
    }

    /** What Chrome and Edge share: the force-install entry in both policies; returns the extension's settings. */
    private static ObjectNode chromium(ObjectNode policies, String extensionId, String updateUrl) {
        ObjectNode settings = policies.putObject("ExtensionSettings").putObject(extensionId);
        settings.put("installation_mode", "force_installed");
        settings.put("update_url", updateUrl);
        // Without it the browser takes later updates from the update_url in the installed CRX's manifest (ours has
        // none, which means the store), so a self-hosted extension would never update.
        settings.put("override_update_url", true);
        policies.putArray("ExtensionInstallForcelist").add(extensionId + ";" + updateUrl);
        return settings;
    }
}
