package dev.promptgate.deploy.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.promptgate.deploy.helm.PromptgateChart.ValueSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** values.yaml and values.schema.json: every key documented, and typos and wrong types refused before rendering. */
class ChartValuesTest {

    static IllegalStateException refused(String key, Object value) {
        return assertThrows(
                IllegalStateException.class,
                () -> PromptgateChart.template(ValueSet.DEFAULTS)
                        .set(key, value)
                        .call(),
                key + "=" + value + " is refused");
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({
        "replicaCont, 3, additional properties 'replicaCont' not allowed",
        "database.pasword, x, additional properties 'pasword' not allowed",
        "ingress.enable, true, additional properties 'enable' not allowed",
        "securityContext.readOnlyRootFileSystem, false, additional properties 'readOnlyRootFileSystem' not allowed",
    })
    void schemaRefusesAMisspelledKey(String key, String value, String message) {
        assertTrue(refused(key, value).getMessage().contains(message), () -> refused(key, value)
                .getMessage());
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({
        "replicaCount, three",
        "ingress.enabled, maybe",
        "events.retentionDays, 0",
        "service.port, 70000",
        "database.url, postgres://db:5432/promptgate",
        "image.pullPolicy, Sometimes",
        "serviceMonitor.interval, often",
    })
    void schemaRefusesAWrongTypeOrValue(String key, String value) {
        refused(key, value);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"database.password", "bootstrap.token", "bundleSigning.privateKey", "events.userHash.secret"})
    void secretsCannotBeGivenAsValues(String key) {
        assertTrue(
                refused(key, "s3cr3t-value-0123456789-0123456789").getMessage().contains("not allowed"));
    }

    @Test
    void oidcNeedsAnIssuer() {
        assertTrue(refused("oidc.enabled", true).getMessage().contains("authServerUrl"));
    }

    /** Without an audience, a token the provider issued to any other application would be an admin's here. */
    @Test
    void oidcNeedsAnAudienceUnlessAnyIsAllowedExplicitly() {
        var template = PromptgateChart.template(ValueSet.DEFAULTS)
                .set("oidc.enabled", true)
                .set("oidc.authServerUrl", "https://keycloak.acme.example/realms/acme");
        var refused = assertThrows(IllegalStateException.class, template::call);
        assertTrue(refused.getMessage().contains("oidc.audience is required"), refused.getMessage());
        String allowed = PromptgateChart.template(ValueSet.DEFAULTS)
                .set("oidc.enabled", true)
                .set("oidc.authServerUrl", "https://keycloak.acme.example/realms/acme")
                .set("oidc.allowAnyAudience", true)
                .call();
        assertTrue(allowed.contains("PROMPTGATE_SECURITY_ALLOW_ANY_AUDIENCE: \"true\""), allowed);
    }

    /**
     * Every setting has a {@code # --} line above it. A key without one is a section: then each key inside it
     * needs one. What is inside a documented setting (a map or list value) is its value.
     */
    @Test
    void everyValueIsDocumented() throws Exception {
        List<String> lines = Files.readAllLines(PromptgateChart.DIR.resolve("values.yaml"));
        Pattern key = Pattern.compile("^( *)[A-Za-z][A-Za-z0-9]*:( .*)?$");
        List<String> undocumented = new ArrayList<>();
        int insideValueDeeperThan = -1;
        for (int i = 0; i < lines.size(); i++) {
            Matcher matcher = key.matcher(lines.get(i));
            if (!matcher.matches()) {
                continue;
            }
            int indent = matcher.group(1).length();
            if (insideValueDeeperThan >= 0 && indent > insideValueDeeperThan) {
                continue;
            }
            insideValueDeeperThan = -1;
            if (documented(lines, i)) {
                insideValueDeeperThan = indent;
            } else if (!isSection(lines, i, indent)) {
                undocumented.add((i + 1) + ": " + lines.get(i).trim());
            }
        }
        assertEquals(List.of(), undocumented, "values without a '# --' line above them");
    }

    private static boolean documented(List<String> lines, int index) {
        for (int i = index - 1; i >= 0 && lines.get(i).trim().startsWith("#"); i--) {
            if (lines.get(i).trim().startsWith("# --")) {
                return true;
            }
        }
        return false;
    }

    private static boolean isSection(List<String> lines, int index, int indent) {
        if (!lines.get(index).endsWith(":")) {
            return false;
        }
        for (int i = index + 1; i < lines.size(); i++) {
            String next = lines.get(i);
            if (next.isBlank() || next.trim().startsWith("#")) {
                continue;
            }
            return next.length() - next.stripLeading().length() > indent
                    && !next.trim().startsWith("-");
        }
        return false;
    }

    @Test
    void chartDeploysTheServerVersionItShipsWith() throws Exception {
        var pom = DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(Path.of("pom.xml").toFile());
        String serverVersion =
                pom.getDocumentElement().getElementsByTagName("version").item(0).getTextContent();
        String chart = Files.readString(PromptgateChart.DIR.resolve("Chart.yaml"));

        assertTrue(chart.contains("\nappVersion: \"" + serverVersion + "\"\n"), "appVersion is " + serverVersion);
    }
}
