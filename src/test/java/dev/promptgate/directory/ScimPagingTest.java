package dev.promptgate.directory;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** SCIM list paging at the edges of its integers: an empty page, never a 500 from an offset that overflows. */
@QuarkusTest
class ScimPagingTest {

    @ParameterizedTest(name = "{0}?startIndex={1}&count={2}")
    @CsvSource({
        "Users, 2147483647, 200",
        "Groups, 2147483647, 200",
        "Users, 1, -5",
        "Groups, 1, 0",
        "Users, -2147483648, 0",
    })
    void pagesBeyondTheEndOrOfNothingAreEmpty(String resource, String startIndex, String count) {
        String token = Scim.newToken("scim-paging-" + resource + startIndex + count);
        Scim.as(token)
                .queryParam("startIndex", startIndex)
                .queryParam("count", count)
                .get("/scim/v2/" + resource)
                .then()
                .statusCode(200)
                .body("Resources", org.hamcrest.Matchers.anyOf(org.hamcrest.Matchers.nullValue(), hasSize(0)))
                .body("itemsPerPage", org.hamcrest.Matchers.anyOf(org.hamcrest.Matchers.nullValue(), equalTo(0)));
    }
}
