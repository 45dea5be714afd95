package dev.promptgate.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.promptgate.bundle.SigningKeyService;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The layering of docs/architecture.md: no package depends on a package above it, packages on one level do not
 * depend on each other, and every package has a place in the map. Checked on the compiled server classes (not the
 * tests).
 */
class LayeringTest {

    /**
     * Levels from the top down; the packages on one level are peers. {@code x..} is a package with all its
     * subpackages, a bare name the package alone. Keep in step with docs/architecture.md.
     */
    static final List<List<String>> LEVELS = List.of(
            List.of("dev.promptgate"),
            List.of("dev.promptgate.console.."),
            List.of("dev.promptgate.client.."),
            List.of("dev.promptgate.deploy.."),
            List.of("dev.promptgate.identity..", "dev.promptgate.bundle.."),
            List.of("dev.promptgate.events.report.."),
            List.of("dev.promptgate.directory.."),
            List.of("dev.promptgate.events"),
            List.of("dev.promptgate.policy.document.."),
            List.of("dev.promptgate.policy"),
            List.of(
                    "dev.promptgate.policy.urllist..",
                    "dev.promptgate.policy.guideline..",
                    "dev.promptgate.policy.tenant..",
                    "dev.promptgate.dlp.."),
            List.of("dev.promptgate.policy.group.."),
            List.of("dev.promptgate.catalog.."),
            List.of("dev.promptgate.security.."),
            List.of("dev.promptgate.audit.."),
            List.of("dev.promptgate.change.."),
            List.of("dev.promptgate.db.."),
            List.of("dev.promptgate.api..", "dev.promptgate.policy.filter.."),
            List.of("dev.promptgate.config.."));

    static JavaClasses server;

    @BeforeAll
    static void importServerClasses() {
        server = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.promptgate");
    }

    @TestFactory
    List<DynamicTest> noPackageDependsOnAPackageAboveItOrOnAPeer() {
        List<DynamicTest> tests = new ArrayList<>();
        for (int level = 0; level < LEVELS.size(); level++) {
            for (String pkg : LEVELS.get(level)) {
                List<String> forbidden = new ArrayList<>();
                for (int above = 0; above < level; above++) {
                    forbidden.addAll(LEVELS.get(above));
                }
                LEVELS.get(level).stream().filter(peer -> !peer.equals(pkg)).forEach(forbidden::add);
                if (forbidden.isEmpty()) {
                    continue;
                }
                tests.add(DynamicTest.dynamicTest(pkg, () -> noClasses()
                        .that()
                        .resideInAPackage(pkg)
                        .should()
                        .dependOnClassesThat()
                        .resideInAnyPackage(forbidden.toArray(String[]::new))
                        .because("docs/architecture.md puts " + pkg + " below " + forbidden)
                        .allowEmptyShould(true)
                        .check(server)));
            }
        }
        return tests;
    }

    /**
     * The deployment documents pin the bundle-signing keys, and get them from the one service the bundle package
     * publishes for it: never from the class that holds the private keys, nor from anything else of that package.
     */
    @Test
    void deployReadsSigningKeysOnlyThroughTheServiceTheBundlePackagePublishes() {
        noClasses()
                .that()
                .resideInAPackage("dev.promptgate.deploy..")
                .should()
                .dependOnClassesThat(
                        resideInAPackage("dev.promptgate.bundle..").and(not(belongToAnyOf(SigningKeyService.class))))
                .because("the signing keys are the bundle package's; deploy reads their public part through"
                        + " SigningKeyService.pinnedKeys()")
                .check(server);
    }

    @Test
    void everyPackageHasAPlaceInTheMap() {
        String[] mapped = LEVELS.stream().flatMap(List::stream).toArray(String[]::new);
        classes()
                .should()
                .resideInAnyPackage(mapped)
                .because("a new package needs a level in docs/architecture.md and in LayeringTest.LEVELS")
                .check(server);
    }
}
