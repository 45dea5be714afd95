package dev.promptgate.dlp;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.promptgate.api.Problem;
import dev.promptgate.api.ProblemException;
import java.util.ArrayList;
import java.util.List;

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

    /** How many matches the detector finds in the text, counted as the extension counts them. */
    static int count(DlpDetector d, Pattern compiled, String text) {
        if (d.kind == DetectorKind.REGEX) {
            Matcher matcher = compiled.matcher(text);
            int found = 0;
            while (matcher.find()) {
                if (matcher.end() > matcher.start()) {
                    found++;
                }
            }
            return found;
        }
        return countKeywords(text, d.keywords, d.caseSensitive);
    }

    /**
     * Occurrences of the keywords as whole words or phrases, as the extension finds them: at each position the
     * longest keyword that matches there (case folded unless case-sensitive) counts when a keyword edge that is a
     * word character ({@code [\p{L}\p{N}_]}) is not next to another word character; the search then goes on after
     * it, or one character further when it did not count.
     */
    static int countKeywords(String text, List<String> keywords, boolean caseSensitive) {
        List<String> words = keywords.stream()
                .map(String::strip)
                .filter(k -> !k.isEmpty())
                .distinct()
                .sorted((a, b) -> b.length() - a.length())
                .toList();
        int found = 0;
        int i = 0;
        while (i < text.length()) {
            String hit = null;
            for (String word : words) {
                if (text.regionMatches(!caseSensitive, i, word, 0, word.length())) {
                    hit = word;
                    break;
                }
            }
            int end = hit == null ? -1 : i + hit.length();
            if (hit != null
                    && (!isWord(hit.charAt(0)) || i == 0 || !isWord(text.charAt(i - 1)))
                    && (!isWord(hit.charAt(hit.length() - 1)) || end == text.length() || !isWord(text.charAt(end)))) {
                found++;
                i = end;
            } else {
                i++;
            }
        }
        return found;
    }

    private static boolean isWord(char c) {
        if (c == '_' || Character.isLetter(c)) {
            return true;
        }
        int type = Character.getType(c);
        return type == Character.DECIMAL_DIGIT_NUMBER
                || type == Character.LETTER_NUMBER
                || type == Character.OTHER_NUMBER;
    }
}
