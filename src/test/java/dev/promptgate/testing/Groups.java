package dev.promptgate.testing;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import java.util.Map;
import java.util.UUID;

/** Groups for tests, made through the admin API as an admin would. */
public final class Groups {

    private Groups() {}

    /** Creates a group selected by this IdP value (201 expected) and returns its id. */
    public static long create(String name, String idpValue, int priority) {
        return ((Number) given().auth()
                        .oauth2(Tokens.admin())
                        .contentType(ContentType.JSON)
                        .body(Map.of("name", name, "idpValue", idpValue, "priority", priority))
                        .post("/api/v1/groups")
                        .then()
                        .statusCode(201)
                        .extract()
                        .path("id"))
                .longValue();
    }

    /** A new group selected by this IdP value whose rule blocks the service; its name. */
    public static String blocking(String idpValue, String service) {
        String name = "pg-" + UUID.randomUUID();
        long id = create(name, idpValue, 10);
        given().auth()
                .oauth2(Tokens.admin())
                .contentType(ContentType.JSON)
                .body("{\"action\": \"BLOCK\", \"message\": \"Not for this group\"}")
                .put("/api/v1/rules/groups/" + id + "/" + service)
                .then()
                .statusCode(201);
        return name;
    }
}
