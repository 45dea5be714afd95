package dev.promptgate.deploy;

import java.util.Arrays;
import java.util.Optional;

/** The file formats deployment documents come in, each named as the {@code format} query parameter spells it. */
public enum PolicyFormat {
    /** A managed-policy JSON file for Chrome or Edge on Linux. */
    LINUX_JSON("linux-json", "application/json", "json"),
    /** A registry file for Chrome or Edge on Windows, to import or to copy into Group Policy Preferences. */
    WINDOWS_REG("windows-reg", "text/plain;charset=UTF-8", "reg"),
    /** A macOS configuration profile for an MDM (Jamf, Intune, Kandji, …). */
    MACOS_MOBILECONFIG("macos-mobileconfig", PolicyFormat.MOBILECONFIG_MEDIA_TYPE, "mobileconfig"),
    /** Firefox's {@code policies.json}, the same file on every platform. */
    POLICIES_JSON("policies-json", "application/json", "json");

    /** The media type Apple's tools expect of a configuration profile. */
    public static final String MOBILECONFIG_MEDIA_TYPE = "application/x-apple-aspen-config";

    private final String parameter;
    private final String mediaType;
    private final String fileExtension;

    PolicyFormat(String parameter, String mediaType, String fileExtension) {
        this.parameter = parameter;
        this.mediaType = mediaType;
        this.fileExtension = fileExtension;
    }

    public static Optional<PolicyFormat> fromParameter(String value) {
        return Arrays.stream(values()).filter(f -> f.parameter.equals(value)).findFirst();
    }

    public String parameter() {
        return parameter;
    }

    public String mediaType() {
        return mediaType;
    }

    public String fileExtension() {
        return fileExtension;
    }
}
