package dev.promptgate.deploy.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.InstallCommand;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The chart in helm/promptgate, driven through Helm itself (a library from Maven Central that carries the Helm
 * binary), offline: nothing is fetched, no cluster is contacted.
 */
final class PromptgateChart {

    static final Path DIR = Path.of("helm", "promptgate");
    static final String RELEASE = "pg";
    static final String NAMESPACE = "promptgate";
    /** Helm's built-in default is older than the chart's kubeVersion; render for a current cluster. */
    static final String KUBE_VERSION = "1.31.0";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private PromptgateChart() {}

    /** The default values, then each {@code ci/*-values.yaml}: what the tests render. */
    static List<ValueSet> valueSets() {
        try (Stream<Path> files = Files.list(DIR.resolve("ci"))) {
            return Stream.concat(
                            Stream.of(ValueSet.DEFAULTS),
                            files.filter(f -> f.getFileName().toString().endsWith("-values.yaml"))
                                    .sorted()
                                    .map(ValueSet::of))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static TemplateCommand template(ValueSet values) {
        TemplateCommand template = new Helm(DIR)
                .template()
                .withName(RELEASE)
                .withNamespace(NAMESPACE)
                .withKubeVersion(KUBE_VERSION);
        return values.file() == null ? template : template.withValuesFile(values.file());
    }

    static String render(ValueSet values) {
        return template(values).call();
    }

    /** Installs without a cluster ({@code helm install --dry-run=client}), to read the notes shown to the admin. */
    static String installNotes(ValueSet values) {
        InstallCommand install = new Helm(DIR)
                .install()
                .withName(RELEASE)
                .withNamespace(NAMESPACE)
                .withKubeVersion(KUBE_VERSION)
                .clientOnly()
                .dryRun();
        if (values.file() != null) {
            install = install.withValuesFile(values.file());
        }
        String output = install.call().getOutput();
        int notes = output.indexOf("NOTES:");
        return notes < 0 ? "" : output.substring(notes);
    }

    /**
     * Lints the chart as {@code helm lint --strict} does. Helm lints the chart's own values.yaml only, so for a
     * value set the chart is copied with that set merged over its values.yaml.
     */
    static LintResult lint(ValueSet values, Path scratch) {
        if (values.file() == null) {
            return new Helm(DIR).lint().strict().call();
        }
        Path copy = scratch.resolve(values.name()).resolve("promptgate");
        copyTree(DIR, copy);
        try {
            JsonNode merged = merge(
                    YAML.readTree(DIR.resolve("values.yaml").toFile()),
                    YAML.readTree(values.file().toFile()));
            YAML.writeValue(copy.resolve("values.yaml").toFile(), merged);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Helm(copy).lint().strict().call();
    }

    /** Helm's own rule for values files: maps merge key by key, anything else is replaced. */
    static JsonNode merge(JsonNode base, JsonNode override) {
        if (!(base instanceof ObjectNode baseObject) || !override.isObject()) {
            return override;
        }
        ObjectNode merged = baseObject.deepCopy();
        for (Map.Entry<String, JsonNode> field : override.properties()) {
            JsonNode current = merged.get(field.getKey());
            merged.set(field.getKey(), current == null ? field.getValue() : merge(current, field.getValue()));
        }
        return merged;
    }

    private static void copyTree(Path from, Path to) {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : paths.sorted(Comparator.naturalOrder()).toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A set of values to render the chart with: the defaults, or a values file over them. */
    record ValueSet(String name, Path file) {

        static final ValueSet DEFAULTS = new ValueSet("defaults", null);

        static ValueSet of(Path file) {
            return new ValueSet(file.getFileName().toString().replace("-values.yaml", ""), file);
        }

        @Override
        public String toString() {
            return name;
        }
    }
}
