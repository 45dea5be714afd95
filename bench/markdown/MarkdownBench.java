import dev.promptgate.api.ProblemException;
import dev.promptgate.policy.guideline.GuidelineRenderer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The guideline Markdown benchmark (not a test; see docs/reliability.md). Renders, with the server's own renderer
 * (CommonMark, then the HTML sanitizer, under the rendering budget), hostile inputs of 24,750, 49,500 and 99,000
 * characters and, in the same run, a reference of the same size: an ordinary guideline (headings, lists, links,
 * emphasis) repeated. Prints the median of each and its ratio to the reference. Linear rendering shows as a ratio
 * that stays put while the size doubles, and as a time that doubles with it; quadratic rendering quadruples.
 */
public class MarkdownBench {

    private static final String GUIDELINE = "## Using AI assistants at Acme\n\n"
            + "Use **approved** tools only: see the [list](https://intranet.example.com/ai). Never paste *customer*"
            + " data, source code or credentials.\n\n- Check answers before you use them.\n- Say when a text was"
            + " drafted with AI.\n\n> Questions? Ask the security team.\n\n";

    public static void main(String[] args) {
        int runs = Integer.parseInt(System.getenv().getOrDefault("RUNS", "5"));
        GuidelineRenderer renderer = new GuidelineRenderer();
        for (int i = 0; i < 3; i++) {
            renderer.render(sized(GUIDELINE, 99_000)); // the JIT warms up on an ordinary guideline
        }
        System.out.printf("%-34s %9s %12s %10s%n", "input", "chars", "median ms", "x reference");
        int[] sizes = Arrays.stream(System.getenv().getOrDefault("SIZES", "24750,49500,99000").split(","))
                .mapToInt(Integer::parseInt)
                .toArray();
        for (int size : sizes) {
            double reference = median(renderer, sized(GUIDELINE, size), runs);
            System.out.printf("%-34s %9d %12.1f %10s%n", "reference: ordinary guideline", size, reference, "1.0");
            for (Map.Entry<String, String> input : hostile(size).entrySet()) {
                double ms = median(renderer, input.getValue(), runs);
                System.out.printf(
                        "%-34s %9d %12.1f %10.1f%s%n",
                        input.getKey(),
                        input.getValue().length(),
                        ms,
                        ms / reference,
                        refusal == null ? "" : "  refused: " + refusal);
            }
        }
    }

    private static Map<String, String> hostile(int size) {
        Map<String, String> inputs = new LinkedHashMap<>();
        inputs.put("'<' repeated", "<".repeat(size));
        inputs.put("'[' repeated", "[".repeat(size));
        inputs.put("'a <!--' repeated", sized("a <!--", size));
        inputs.put("'a <?' repeated", sized("a <?", size));
        inputs.put("'[a](<b' repeated", sized("[a](<b", size));
        inputs.put("'*a ' (emphasis openers)", sized("*a ", size));
        inputs.put("'**a** ' (closed emphasis)", sized("**a** ", size));
        inputs.put("'>' (nesting, refused)", ">".repeat(size));
        return inputs;
    }

    private static String sized(String unit, int size) {
        return unit.repeat(size / unit.length() + 1).substring(0, size);
    }

    /** Why the last input measured was refused (a 400 or 503 problem), or null. */
    private static String refusal;

    /** Milliseconds to the answer (HTML or refusal), median of runs after one unmeasured run. */
    private static double median(GuidelineRenderer renderer, String markdown, int runs) {
        List<Double> times = new ArrayList<>();
        refusal = null;
        for (int i = 0; i <= runs; i++) {
            long start = System.nanoTime();
            try {
                renderer.render(markdown);
            } catch (ProblemException refused) {
                refusal = refused.problem().status() + " " + refused.getMessage();
            }
            if (i > 0) {
                times.add((System.nanoTime() - start) / 1e6);
            }
        }
        double[] sorted = times.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return sorted[sorted.length / 2];
    }
}
