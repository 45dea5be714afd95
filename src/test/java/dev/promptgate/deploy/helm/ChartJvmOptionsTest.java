package dev.promptgate.deploy.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.promptgate.deploy.helm.PromptgateChart.ValueSet;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Quantity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The JVM settings a pod gets by default, and bench/chart-jvm.sh, which the start-up and policy-fetch benchmarks run
 * under: the chart's JAVA_OPTS and memory limit must be the ones the benchmarks measure.
 */
class ChartJvmOptionsTest {

    private static final Path BENCH_SETTINGS = Path.of("bench", "chart-jvm.sh");

    static List<String> benchOptions() throws Exception {
        String script = Files.readString(BENCH_SETTINGS).replace("\\\n", "");
        Matcher matcher = Pattern.compile("(?m)^CHART_JAVA_OPTS=\"([^\"]*)\"").matcher(script);
        assertTrue(matcher.find(), "CHART_JAVA_OPTS in " + BENCH_SETTINGS);
        return Arrays.asList(matcher.group(1).trim().split("\\s+"));
    }

    static Optional<String> javaOpts(Container server) {
        return server.getEnv().stream()
                .filter(env -> env.getName().equals("JAVA_OPTS"))
                .map(EnvVar::getValue)
                .findFirst();
    }

    @Test
    void benchmarksRunUnderTheChartsJvmOptions() throws Exception {
        Container server = ChartRenderTest.server(ChartRenderTest.render(ValueSet.DEFAULTS));
        List<String> bench = benchOptions();

        String chartOptions = javaOpts(server).orElseThrow(() -> new AssertionError("the chart sets JAVA_OPTS"));
        assertTrue(chartOptions.contains("-XX:InitialRAMPercentage="), chartOptions);
        for (String option : chartOptions.trim().split("\\s+")) {
            assertTrue(bench.contains(option), option + " is in " + BENCH_SETTINGS + ": " + bench);
        }

        Quantity limit = server.getResources().getLimits().get("memory");
        long limitBytes = Quantity.getAmountInBytes(limit).longValueExact();
        String maxRam = bench.stream()
                .filter(option -> option.startsWith("-XX:MaxRAM="))
                .findFirst()
                .orElseThrow(() -> new AssertionError("-XX:MaxRAM stands for the memory limit in " + BENCH_SETTINGS));
        assertEquals(limitBytes, bytes(maxRam.substring("-XX:MaxRAM=".length())), "memory limit " + limit);
    }

    @Test
    void emptyJavaOptsLeavesTheImagesDefaults() {
        String rendered =
                PromptgateChart.template(ValueSet.DEFAULTS).set("javaOpts", "").call();
        Container server = ChartRenderTest.server(Manifests.parse(rendered));

        assertEquals(Optional.empty(), javaOpts(server));
    }

    private static long bytes(String jvmSize) {
        char unit = Character.toLowerCase(jvmSize.charAt(jvmSize.length() - 1));
        long shift =
                switch (unit) {
                    case 'k' -> 10;
                    case 'm' -> 20;
                    case 'g' -> 30;
                    default -> 0;
                };
        String digits = Character.isDigit(unit) ? jvmSize : jvmSize.substring(0, jvmSize.length() - 1);
        return Long.parseLong(digits) << shift;
    }
}
