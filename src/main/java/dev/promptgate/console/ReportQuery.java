package dev.promptgate.console;

import jakarta.ws.rs.QueryParam;

/** The filters every report screen takes from its query string, as typed: the days and the group. */
public class ReportQuery {

    @QueryParam("from")
    public String from;

    @QueryParam("to")
    public String to;

    @QueryParam("groupId")
    public Long groupId;
}
