package dev.promptgate.events.report;

import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** The query parameters every report takes: the days it covers and, optionally, one group. */
public class ReportScope {

    @QueryParam("from")
    @Parameter(
            description = "First day (UTC, inclusive, 1970 to 9999); default: 29 days before to.",
            schema = @Schema(type = SchemaType.STRING, format = "date"))
    String from;

    @QueryParam("to")
    @Parameter(
            description = "Last day (inclusive, 1970 to 9999); default: today.",
            schema = @Schema(type = SchemaType.STRING, format = "date"))
    String to;

    @QueryParam("groupId")
    @Parameter(description = "Only people in this group.")
    Long groupId;
}
