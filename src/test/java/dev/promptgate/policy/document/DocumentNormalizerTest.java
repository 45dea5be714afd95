package dev.promptgate.policy.document;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.promptgate.api.Problem;
import dev.promptgate.api.ProblemException;
import dev.promptgate.catalog.AiService;
import dev.promptgate.catalog.ServiceDefinition;
import dev.promptgate.policy.Action;
import dev.promptgate.policy.RuleView;
import dev.promptgate.policy.SettingsView;
import dev.promptgate.policy.document.PolicyChange.Kind;
import dev.promptgate.policy.document.PolicyChange.Op;
import dev.promptgate.policy.filter.InvalidUrlFilterException;
import dev.promptgate.policy.filter.UrlFilter;
import dev.promptgate.policy.group.GroupView;
import dev.promptgate.policy.urllist.UrlListEntry;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Normalizing and checking documents, and the diff between two of them, without a server. */
class DocumentNormalizerTest {

    static final DocumentNormalizer.Stored STORED =
            new DocumentNormalizer.Stored(Set.of("chatgpt", "poe"), Map.of("acme-chat", false), false);
    static final SettingsView.Input SETTINGS = new SettingsView.Input("Acme", Action.WARN, Action.ALLOW, true, 90);

    static PolicyDocument document(
            List<GroupView.Input> groups,
            Map<String, ServiceDefinition> services,
            List<String> disabled,
            PolicyDocument.Rules rules,
            List<PolicyDocument.BlockEntry> blocklist,
            PolicyDocument.Guidelines guidelines) {
        return new PolicyDocument(
                1, SETTINGS, groups, services, disabled, rules, blocklist, List.of(), guidelines, Map.of(), null);
    }

    static PolicyDocument empty() {
        return document(List.of(), Map.of(), List.of(), new PolicyDocument.Rules(Map.of(), Map.of()), List.of(), null);
    }

    static ServiceDefinition service(Boolean enabled) {
        return new ServiceDefinition(
                "Acme Chat",
                "Acme",
                AiService.Category.TEXT,
                AiService.Risk.LOW,
                List.of("chat.acme.example"),
                List.of(),
                new ServiceDefinition.DataPolicy(false, null, List.of(), null, null, null, null),
                enabled);
    }

    static Map<String, String> errorsOf(PolicyDocument document) {
        ProblemException.InvalidInput e =
                assertThrows(ProblemException.InvalidInput.class, () -> DocumentNormalizer.normalize(document, STORED));
        return e.problem().errors().stream()
                .collect(Collectors.toMap(
                        Problem.FieldError::field, Problem.FieldError::message, (a, b) -> a + "; " + b));
    }

    @Test
    void normalizingStoresValuesAsTheServicesWouldAndSortsEverything() {
        PolicyDocument normalized = DocumentNormalizer.normalize(
                document(
                        List.of(new GroupView.Input(" Sales ", " sales ", 1), new GroupView.Input("Eng", "eng", 2)),
                        Map.of("acme-chat", service(null)),
                        List.of("poe", "chatgpt"),
                        new PolicyDocument.Rules(
                                Map.of("chatgpt", new RuleView.Input(Action.WARN, "  ", null, null)),
                                Map.of(
                                        "Eng",
                                        Map.of(),
                                        "Sales",
                                        Map.of("poe", new RuleView.Input(Action.BLOCK, " No ", true, null)))),
                        List.of(
                                new PolicyDocument.BlockEntry(" b.example ", null, " ", null),
                                new PolicyDocument.BlockEntry("a.example", UrlListEntry.BlockAction.WARN, "why", "Eng"),
                                new PolicyDocument.BlockEntry("a.example", null, null, null)),
                        null),
                STORED);

        assertEquals(
                List.of(new GroupView.Input("Eng", "eng", 2), new GroupView.Input("Sales", "sales", 1)),
                normalized.groups());
        assertEquals(
                false, normalized.customServices().get("acme-chat").enabled(), "unset enabled keeps the stored switch");
        assertEquals(List.of("chatgpt", "poe"), normalized.disabledBuiltInServices());
        assertEquals(
                new RuleView.Input(Action.WARN, null, false, null),
                normalized.rules().organization().get("chatgpt"));
        assertEquals(Set.of("Sales"), normalized.rules().groups().keySet(), "a group without rules is left out");
        assertEquals(
                new RuleView.Input(Action.BLOCK, "No", true, null),
                normalized.rules().groups().get("Sales").get("poe"));
        assertEquals(
                List.of(
                        new PolicyDocument.BlockEntry("a.example", UrlListEntry.BlockAction.BLOCK, null, null),
                        new PolicyDocument.BlockEntry("a.example", UrlListEntry.BlockAction.WARN, "why", "Eng"),
                        new PolicyDocument.BlockEntry("b.example", UrlListEntry.BlockAction.BLOCK, null, null)),
                normalized.blocklist());
        assertEquals(normalized, DocumentNormalizer.normalize(normalized, STORED), "normalizing twice changes nothing");
    }

    @Test
    void everyBrokenReferenceAndDuplicateIsReportedByItsPath() {
        String invalidPattern = "http://";
        String urlFilterMessage = assertThrows(InvalidUrlFilterException.class, () -> UrlFilter.parse(invalidPattern))
                .getMessage();
        Map<String, String> errors = errorsOf(document(
                List.of(new GroupView.Input("Eng", "eng", 1), new GroupView.Input("ENG", "eng", 2)),
                Map.of("chatgpt", service(true), "Bad Key", service(true)),
                List.of("acme-chat", "nope", "poe", "poe"),
                new PolicyDocument.Rules(
                        Map.of("no-such-service", new RuleView.Input(Action.BLOCK, null, null, null)),
                        Map.of("Engineering", Map.of("chatgpt", new RuleView.Input(Action.BLOCK, null, null, null)))),
                List.of(
                        new PolicyDocument.BlockEntry("x.example", null, null, null),
                        new PolicyDocument.BlockEntry(invalidPattern, null, null, "Nobody"),
                        new PolicyDocument.BlockEntry(" x.example", null, null, null)),
                null));

        assertEquals(
                Set.of(
                        "groups[1].name",
                        "groups[1].idpValue",
                        "customServices.chatgpt",
                        "customServices.Bad Key",
                        "disabledBuiltInServices[0]",
                        "disabledBuiltInServices[1]",
                        "disabledBuiltInServices[3]",
                        "rules.organization.no-such-service",
                        "rules.groups.Engineering",
                        "blocklist[1].pattern",
                        "blocklist[1].group",
                        "blocklist[2].pattern"),
                errors.keySet());
        assertEquals(urlFilterMessage, errors.get("blocklist[1].pattern"));
        assertTrue(errors.get("blocklist[2].pattern").contains("blocklist[0]"), errors.get("blocklist[2].pattern"));
    }

    @Test
    void aPublishedGuidelineCannotBeLeftOut() {
        DocumentNormalizer.Stored published = new DocumentNormalizer.Stored(Set.of(), Map.of(), true);
        ProblemException.InvalidInput e = assertThrows(
                ProblemException.InvalidInput.class, () -> DocumentNormalizer.normalize(empty(), published));
        assertEquals("guidelines", e.problem().errors().get(0).field());
    }

    @Test
    void entriesWhoseGroupAndPatternReadAlikeStayApart() {
        PolicyDocument document = DocumentNormalizer.normalize(
                document(
                        List.of(new GroupView.Input("R&D", "rd", 1), new GroupView.Input("R&D/ML", "ml", 2)),
                        Map.of(),
                        List.of(),
                        new PolicyDocument.Rules(Map.of(), Map.of()),
                        List.of(
                                new PolicyDocument.BlockEntry("ML/x.example", null, null, "R&D"),
                                new PolicyDocument.BlockEntry("x.example", null, null, "R&D/ML")),
                        null),
                STORED);
        assertEquals(
                2,
                PolicyDiff.between(empty(), document).stream()
                        .filter(c -> c.kind() == Kind.BLOCKLIST)
                        .count());
    }

    @Test
    void theDiffListsChangesBySectionThenKey() {
        PolicyDocument before = DocumentNormalizer.normalize(
                document(
                        List.of(new GroupView.Input("Eng", "eng", 1)),
                        Map.of("acme-chat", service(true)),
                        List.of(),
                        new PolicyDocument.Rules(
                                Map.of(),
                                Map.of("Eng", Map.of("chatgpt", new RuleView.Input(Action.WARN, null, null, null)))),
                        List.of(new PolicyDocument.BlockEntry("a.example", null, null, "Eng")),
                        null),
                STORED);
        PolicyDocument after = DocumentNormalizer.normalize(
                document(
                        List.of(new GroupView.Input("Sales", "sales", 1)),
                        Map.of("acme-chat", service(false)),
                        List.of("poe"),
                        new PolicyDocument.Rules(
                                Map.of("chatgpt", new RuleView.Input(Action.BLOCK, null, null, null)), Map.of()),
                        List.of(new PolicyDocument.BlockEntry("a.example", null, null, null)),
                        new PolicyDocument.Guidelines("Use AI well", "# Rules")),
                STORED);

        assertEquals(List.of(), PolicyDiff.between(before, before));
        List<String> changes = PolicyDiff.between(before, after).stream()
                .map(c -> c.op() + " " + c.kind() + " " + c.key())
                .toList();
        assertEquals(
                List.of(
                        Op.REMOVE + " " + Kind.GROUP + " Eng",
                        Op.ADD + " " + Kind.GROUP + " Sales",
                        Op.UPDATE + " " + Kind.SERVICE + " acme-chat",
                        Op.UPDATE + " " + Kind.SERVICE + " poe",
                        Op.ADD + " " + Kind.RULE + " organization/chatgpt",
                        Op.REMOVE + " " + Kind.RULE + " group:Eng/chatgpt",
                        Op.ADD + " " + Kind.BLOCKLIST + " organization/a.example",
                        Op.REMOVE + " " + Kind.BLOCKLIST + " group:Eng/a.example",
                        Op.ADD + " " + Kind.GUIDELINES + " current"),
                changes);
        PolicyChange disabled = PolicyDiff.between(before, after).get(3);
        assertEquals(Map.of("enabled", true), disabled.before());
        assertEquals(Map.of("enabled", false), disabled.after());
    }
}
