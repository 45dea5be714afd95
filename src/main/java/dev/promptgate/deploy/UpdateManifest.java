package dev.promptgate.deploy;

/**
 * The update manifest of Chromium's self-hosted extensions (gupdate, protocol 2.0): which version of an extension
 * is current and where its CRX is. The ID and version were read from a verified CRX and the URL is this server's,
 * so only the URL's ampersands need escaping.
 */
final class UpdateManifest {

    private UpdateManifest() {}

    static String render(String extensionId, String version, String codebase) {
        return "<?xml version='1.0' encoding='UTF-8'?>\n"
                + "<gupdate xmlns='http://www.google.com/update2/response' protocol='2.0'>\n"
                + "  <app appid='" + extensionId + "'>\n"
                + "    <updatecheck codebase='" + escape(codebase) + "' version='" + version + "'/>\n"
                + "  </app>\n"
                + "</gupdate>\n";
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("'", "&apos;").replace("<", "&lt;");
    }
}
