package dev.promptgate.dlp;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.TreeMap;

/** Compiles the {@code dlp} part of a bundle for a person's groups, strongest group first. */
@ApplicationScoped
public class DlpCompiler {

    /** The part for {@code groupIds}, ordered strongest first as the bundle's service rules are. */
    public DlpPolicy compile(List<Long> groupIds) {
        return defaults();
    }

    /** What a bundle says when nobody configured data protection: the built-ins that are on by default, WARN. */
    public static DlpPolicy defaults() {
        return new DlpPolicy(
                DlpPolicy.SCAN_LIMIT_CHARS,
                false,
                DlpPolicy.DEFAULT_JUSTIFICATIONS,
                BuiltinDetector.ALL.stream()
                        .filter(BuiltinDetector::onByDefault)
                        .map(d -> new DlpPolicy.Detector(
                                d.id(),
                                DetectorKind.BUILTIN,
                                d.name(),
                                null,
                                null,
                                null,
                                1,
                                false,
                                new DlpPolicy.Actions(BuiltinDetector.DEFAULT_ACTION, new TreeMap<>()),
                                false))
                        .toList(),
                new DlpPolicy.Uploads(DlpPolicy.UploadRule.ALLOW_ALL, new TreeMap<>()));
    }
}
