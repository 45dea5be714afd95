package dev.promptgate.deploy.helm;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.marcnuri.helm.LintResult;
import dev.promptgate.deploy.helm.PromptgateChart.ValueSet;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ChartLintTest {

    @TempDir
    Path scratch;

    static Stream<ValueSet> valueSets() {
        return PromptgateChart.valueSets().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valueSets")
    void chartPassesStrictLint(ValueSet values) {
        LintResult result = PromptgateChart.lint(values, scratch);

        List<String> problems = result.getMessages().stream()
                .filter(message -> !message.startsWith("[INFO]"))
                .toList();
        assertFalse(result.isFailed(), () -> String.join("\n", result.getMessages()));
        assertTrue(problems.isEmpty(), () -> String.join("\n", problems));
    }
}
