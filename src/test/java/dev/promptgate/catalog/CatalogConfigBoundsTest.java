package dev.promptgate.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class CatalogConfigBoundsTest {

    @Test
    void reviewAfterDaysIsFromOneToTenYears() {
        assertEquals(List.of(), CatalogConfigBounds.problems(() -> 1));
        assertEquals(List.of(), CatalogConfigBounds.problems(() -> 3650));
        assertEquals(
                List.of("promptgate.catalog.review-after-days must be from 1 to 3650, not 0"),
                CatalogConfigBounds.problems(() -> 0));
        assertEquals(
                List.of("promptgate.catalog.review-after-days must be from 1 to 3650, not 3651"),
                CatalogConfigBounds.problems(() -> 3651));
    }
}
