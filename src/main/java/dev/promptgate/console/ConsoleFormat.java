package dev.promptgate.console;

import io.quarkus.qute.TemplateExtension;
import java.util.List;
import java.util.Locale;

/** Formatting the console's templates share: {@code {fmt:percent(x)}}, {@code {fmt:joined(list)}}. */
@TemplateExtension(namespace = "fmt")
public final class ConsoleFormat {

    private ConsoleFormat() {}

    /** A ratio from 0 to 1 as a percentage with one decimal, or a dash when there is none. */
    static String percent(Double ratio) {
        return ratio == null ? "–" : String.format(Locale.ROOT, "%.1f%%", ratio * 100);
    }

    /** A list of names as text, separated by commas. */
    static String joined(List<String> names) {
        return names == null ? "" : String.join(", ", names);
    }
}
