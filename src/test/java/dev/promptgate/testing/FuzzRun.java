package dev.promptgate.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Runs the coverage-guided fuzz targets one after the other with Jazzer's own driver, each in a JVM of its own for a
 * bounded time: the {@code jazzer-fuzz} execution of pom.xml, in {@code ./mvnw verify} (docs/reliability.md, ADR 26).
 * libFuzzer first replays the committed seeds and past findings ({@code src/test/fuzz/<Target>/}) and the corpus
 * earlier runs left ({@code target/jazzer/<Target>/corpus/}), then mutates them. A finding (an exception the target
 * does not expect, a broken invariant, an input slower than {@value #INPUT_TIMEOUT_SECONDS} s) stops that target and
 * fails the run, with the input and a reproducer in {@code target/jazzer/<Target>/}.
 *
 * <p>System properties: {@code jazzer.seconds}, fuzzing time per target (default {@value #DEFAULT_SECONDS});
 * {@code jazzer.targets}, the simple class names to run (default all).
 */
public final class FuzzRun {

    static final List<String> TARGETS = List.of(
            "dev.promptgate.events.EventBatchReaderFuzzer",
            "dev.promptgate.policy.filter.UrlFilterFuzzer",
            "dev.promptgate.policy.document.PolicyDocumentCodecFuzzer",
            "dev.promptgate.policy.guideline.GuidelineRendererFuzzer");
    static final int DEFAULT_SECONDS = 10;
    /** Generous: the first inputs also pay for loading and instrumenting the parsers' classes. */
    static final int INPUT_TIMEOUT_SECONDS = 60;
    /** Coverage and Jazzer's sanitizer hooks: our code and the libraries that do the parsing. */
    static final String INSTRUMENTED =
            "dev.promptgate.**:com.fasterxml.jackson.**:org.yaml.snakeyaml.**:org.commonmark.**:org.owasp.html.**";
    /**
     * The jars the targets need (Panache for the entities' enums the policy document refers to). The rest of the test class path (Quarkus, JUnit's launcher) only slows Jazzer down:
     * it scans every jar when it starts, and looks for JUnit fuzz tests when it finds JUnit's launcher.
     */
    static final Pattern NEEDED = Pattern.compile(
            "(jazzer|jazzer-api|junit-jupiter-api|opentest4j|apiguardian-api|jackson-[a-z0-9-]+|snakeyaml|quarkus-jackson"
                    + "|guava|failureaccess|commonmark(-ext-[a-z-]+)?|owasp-java-html-sanitizer|java[0-9]+-shim"
                    + "|jakarta\\.[a-z.-]+-api|quarkus-hibernate-orm-panache(-common)?|quarkus-panache-common)"
                    + "-[0-9][^" + Pattern.quote(File.separator) + "]*\\.jar");

    private static final Pattern DONE = Pattern.compile("Done (\\d+) runs in (\\d+) second");
    private static final Pattern COVERAGE = Pattern.compile(" cov: (\\d+)");
    private static final Pattern SEED = Pattern.compile("INFO: Seed: (\\d+)");

    private FuzzRun() {}

    public static void main(String[] args) throws IOException, InterruptedException {
        int seconds = Integer.getInteger("jazzer.seconds", DEFAULT_SECONDS);
        List<String> only = Arrays.stream(
                        System.getProperty("jazzer.targets", "").split(","))
                .map(String::trim)
                .filter(name -> !name.isEmpty())
                .toList();
        String classpath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> Files.isDirectory(Path.of(entry))
                        || NEEDED.matcher(Path.of(entry).getFileName().toString())
                                .matches())
                .collect(Collectors.joining(File.pathSeparator));
        List<String> failed = new ArrayList<>();
        long start = System.nanoTime();
        for (String target : TARGETS) {
            String name = target.substring(target.lastIndexOf('.') + 1);
            if (only.isEmpty() || only.contains(name)) {
                if (!fuzz(target, name, seconds, classpath)) {
                    failed.add(name);
                }
            }
        }
        System.out.printf(Locale.ROOT, "Jazzer: %.0f s in all%n", (System.nanoTime() - start) / 1e9);
        if (!failed.isEmpty()) {
            System.err.println(
                    "Jazzer found a problem in " + failed + ": copy the input named above into "
                            + "src/test/fuzz/<Target>/ so that every run replays it, and fix the parser (docs/reliability.md).");
            System.exit(1);
        }
    }

    private static boolean fuzz(String target, String name, int seconds, String classpath)
            throws IOException, InterruptedException {
        Path dir = Path.of("target", "jazzer", name);
        Path corpus = dir.resolve("corpus");
        Path seeds = Path.of("src", "test", "fuzz", name);
        Path log = dir.resolve("fuzz.log");
        Files.createDirectories(corpus);
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-cp",
                classpath,
                "com.code_intelligence.jazzer.Jazzer",
                "--target_class=" + target,
                "--instrumentation_includes=" + INSTRUMENTED,
                "--custom_hook_includes=" + INSTRUMENTED,
                "--reproducer_path=" + dir,
                "-artifact_prefix=" + dir + File.separator,
                "-max_total_time=" + seconds,
                "-timeout=" + INPUT_TIMEOUT_SECONDS,
                corpus.toString(),
                seeds.toString());
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (!process.waitFor(seconds + 300L, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            System.out.println(name + ": did not stop; see " + log);
            return false;
        }
        double wall = (System.nanoTime() - start) / 1e9;
        String output = Files.readString(log);
        System.out.printf(
                Locale.ROOT,
                "%-27s %9s runs in %3s s of fuzzing (%3.0f s with start-up), coverage %5s, seed %s: %s%n",
                name,
                last(DONE, output, 1),
                last(DONE, output, 2),
                wall,
                last(COVERAGE, output, 1),
                last(SEED, output, 1),
                process.exitValue() == 0 ? "no finding" : "FINDING, see " + log);
        if (process.exitValue() != 0) {
            List<String> lines = output.lines()
                    .filter(line -> !line.contains("INFO: Instrumented"))
                    .toList();
            lines.subList(Math.max(0, lines.size() - 60), lines.size()).forEach(System.out::println);
            return false;
        }
        return true;
    }

    private static String last(Pattern pattern, String text, int group) {
        Matcher matcher = pattern.matcher(text);
        String found = "?";
        while (matcher.find()) {
            found = matcher.group(group);
        }
        return found;
    }
}
