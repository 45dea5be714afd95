package dev.promptgate.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The rule of docs/architecture.md that keeps server files small enough to read: at most 300 lines each. */
class FileSizeTest {

    static final int MAX_LINES = 300;

    @Test
    void noServerSourceFileIsLongerThan300Lines() throws IOException {
        Map<String, Integer> tooLong = new TreeMap<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(Path.of("src/main/java"))) {
            files = walk.filter(p -> p.toString().endsWith(".java")).toList();
        }
        for (Path file : files) {
            int lines;
            try (Stream<String> text = Files.lines(file)) {
                lines = (int) text.count();
            }
            if (lines > MAX_LINES) {
                tooLong.put(file.toString(), lines);
            }
        }
        assertEquals(Map.of(), tooLong, "split these along their seams");
        assertTrue(files.size() > 100, "read the server's sources, found " + files.size());
    }
}
