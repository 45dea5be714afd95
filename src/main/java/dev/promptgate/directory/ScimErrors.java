package dev.promptgate.directory;

import jakarta.ws.rs.core.Response;
import org.apache.directory.scim.protocol.ErrorMessageType;
import org.apache.directory.scim.protocol.data.ErrorResponse;
import org.apache.directory.scim.protocol.exception.ScimException;
import org.apache.directory.scim.server.exception.FilterParseExceptionMapper;
import org.apache.directory.scim.server.exception.ResourceExceptionMapper;
import org.apache.directory.scim.server.exception.ScimExceptionMapper;
import org.apache.directory.scim.server.exception.UnsupportedFilterExceptionMapper;
import org.apache.directory.scim.spec.exception.MutabilityException;
import org.apache.directory.scim.spec.exception.ResourceException;
import org.apache.directory.scim.spec.exception.UnsupportedFilterException;
import org.apache.directory.scim.spec.filter.FilterParseException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * SCIM's failures as SCIM error documents (RFC 7644 3.12), through SCIMple's own mappers for its exception types.
 * Only SCIM code throws these; SCIMple's catch-all mappers, which would have answered every endpoint, are not used.
 */
public class ScimErrors {

    @ServerExceptionMapper
    public Response scim(ScimException e) {
        return new ScimExceptionMapper().toResponse(e);
    }

    @ServerExceptionMapper
    public Response resource(ResourceException e) {
        return new ResourceExceptionMapper().toResponse(e);
    }

    @ServerExceptionMapper
    public Response unsupportedFilter(UnsupportedFilterException e) {
        return new UnsupportedFilterExceptionMapper().toResponse(e);
    }

    @ServerExceptionMapper
    public Response unparsableFilter(FilterParseException e) {
        return new FilterParseExceptionMapper().toResponse(e);
    }

    @ServerExceptionMapper
    public Response mutability(MutabilityException e) {
        ErrorResponse error = new ErrorResponse(Response.Status.BAD_REQUEST, e.getMessage());
        error.setScimType(ErrorMessageType.MUTABILITY);
        return error.toResponse();
    }
}
