package dev.promptgate.deploy;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** A browser that enterprise policy can install the extension into, and where that browser reads its policy. */
public enum Browser {
    CHROME(
            "chrome",
            "Google Chrome",
            "HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Google\\Chrome",
            "com.google.Chrome",
            List.of(PolicyFormat.LINUX_JSON, PolicyFormat.WINDOWS_REG, PolicyFormat.MACOS_MOBILECONFIG)),
    EDGE(
            "edge",
            "Microsoft Edge",
            "HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Edge",
            "com.microsoft.Edge",
            List.of(PolicyFormat.LINUX_JSON, PolicyFormat.WINDOWS_REG, PolicyFormat.MACOS_MOBILECONFIG)),
    FIREFOX("firefox", "Mozilla Firefox", null, null, List.of(PolicyFormat.POLICIES_JSON));

    private final String pathName;
    private final String displayName;
    private final String registryKey;
    private final String macDomain;
    private final List<PolicyFormat> formats;

    Browser(String pathName, String displayName, String registryKey, String macDomain, List<PolicyFormat> formats) {
        this.pathName = pathName;
        this.displayName = displayName;
        this.registryKey = registryKey;
        this.macDomain = macDomain;
        this.formats = formats;
    }

    public static Optional<Browser> fromPath(String value) {
        return Arrays.stream(values()).filter(b -> b.pathName.equals(value)).findFirst();
    }

    /** The name in URLs and file names: {@code chrome}, {@code edge}, {@code firefox}. */
    public String pathName() {
        return pathName;
    }

    public String displayName() {
        return displayName;
    }

    /** The registry key the browser reads machine policy from on Windows; null for Firefox. */
    public String registryKey() {
        return registryKey;
    }

    /**
     * The macOS preference domain of the browser's own policies; an extension's managed configuration lives in
     * {@code <domain>.extensions.<extension id>}. Null for Firefox.
     */
    public String macDomain() {
        return macDomain;
    }

    /** The formats this browser's documents come in; the first is the default. */
    public List<PolicyFormat> formats() {
        return formats;
    }

    public PolicyFormat defaultFormat() {
        return formats.get(0);
    }
}
