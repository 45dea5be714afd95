package dev.promptgate.dlp;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.promptgate.api.Problem;
import dev.promptgate.api.ProblemException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Checks a custom detector before it is stored, and counts its matches the way the extension does, so that test
 * strings are checked against the meaning browsers will apply. Limits are documented in docs/data-protection.md.
 */
public final class DetectorRules {

    public static final int MAX_KEYWORDS = 500;
    public static final int MAX_KEYWORD_LENGTH = 100;
    public static final int MAX_PATTERN_LENGTH = 500;
    public static final int MAX_TEST_STRINGS = 20;
    public static final int MAX_TEST_STRING_LENGTH = 1000;
    /** Custom detectors an organization may have at most. */
    public static final int MAX_CUSTOM_DETECTORS = 50;

    private DetectorRules() {}

    /** Fails with a 400 naming the field when the detector cannot be saved; returns the cleaned keywords. */
    static void check(DlpDetector d) {
        List<Problem.FieldError> errors = new ArrayList<>();
        Pattern compiled = null;
        if (d.kind == DetectorKind.KEYWORDS) {
            if (d.keywords == null || d.keywords.isEmpty()) {
                errors.add(new Problem.FieldError("keywords", "must hold at least one keyword or phrase"));
            }
        } else if (d.kind == DetectorKind.REGEX) {
            compiled = compile(d, errors);
        }
        if (errors.isEmpty()) {
            checkTests(d, compiled, errors);
        }
        if (!errors.isEmpty()) {
            throw new ProblemException.InvalidInput(errors);
        }
    }

    private static Pattern compile(DlpDetector d, List<Problem.FieldError> errors) {
        if (d.pattern == null || d.pattern.isEmpty()) {
            errors.add(new Problem.FieldError("pattern", "is required for a regex detector"));
            return null;
        }
        String problem = RegexSyntax.problem(d.pattern);
        if (problem != null) {
            errors.add(new Problem.FieldError("pattern", problem));
            return null;
        }
        Pattern compiled;
        try {
            compiled = Pattern.compile(d.pattern, d.caseSensitive ? 0 : Pattern.CASE_INSENSITIVE);
        } catch (PatternSyntaxException e) {
            errors.add(
                    new Problem.FieldError("pattern", "is not a valid RE2 regular expression: " + e.getDescription()));
            return null;
        }
        if (compiled.matcher("").find()) {
            errors.add(new Problem.FieldError("pattern", "matches the empty text, so it would match everywhere"));
            return null;
        }
        return compiled;
    }

    private static void checkTests(DlpDetector d, Pattern compiled, List<Problem.FieldError> errors) {
        for (int i = 0; i < d.mustMatch.size(); i++) {
            int found = count(d, compiled, d.mustMatch.get(i));
            if (found < d.threshold) {
                errors.add(new Problem.FieldError(
                        "mustMatch[" + i + "]",
                        "does not trigger the detector: " + found + " match(es), the threshold is " + d.threshold));
            }
        }
        for (int i = 0; i < d.mustNotMatch.size(); i++) {
            int found = count(d, compiled, d.mustNotMatch.get(i));
            if (found >= d.threshold) {
                errors.add(new Problem.FieldError(
                        "mustNotMatch[" + i + "]",
                        "triggers the detector: " + found + " match(es), the threshold is " + d.threshold));
            }
        }
    }

    /** How many matches the detector finds in the text. */
    static int count(DlpDetector d, Pattern compiled, String text) {
        if (d.kind == DetectorKind.REGEX) {
            Matcher matcher = compiled.matcher(text);
            int found = 0;
            while (matcher.find()) {
                found++;
            }
            return found;
        }
        int found = 0;
        for (String keyword : d.keywords) {
            found += countKeyword(text, keyword, d.caseSensitive);
        }
        return found;
    }

    /**
     * Occurrences of a keyword as a whole word or phrase: not next to a letter or digit on either side. Case is
     * ignored (by lower-casing both, as the extension does) unless the detector is case-sensitive.
     */
    static int countKeyword(String text, String keyword, boolean caseSensitive) {
        String haystack = caseSensitive ? text : text.toLowerCase(Locale.ROOT);
        String needle = caseSensitive ? keyword : keyword.toLowerCase(Locale.ROOT);
        int found = 0;
        int from = 0;
        while (!needle.isEmpty() && (from = haystack.indexOf(needle, from)) >= 0) {
            int end = from + needle.length();
            boolean startOk = from == 0 || !Character.isLetterOrDigit(haystack.codePointBefore(from));
            boolean endOk = end == haystack.length() || !Character.isLetterOrDigit(haystack.codePointAt(end));
            if (startOk && endOk) {
                found++;
                from = end;
            } else {
                from++;
            }
        }
        return found;
    }
}
