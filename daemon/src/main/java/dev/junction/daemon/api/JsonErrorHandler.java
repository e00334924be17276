package dev.junction.daemon.api;

import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors the HTTP layer answers before a route runs (a malformed request line, an ambiguous path,
 * headers too large) get the API's {@code {"message": ...}} body instead of an HTML page.
 */
public final class JsonErrorHandler extends ErrorHandler {

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    int status =
        request.getAttribute(ERROR_STATUS) instanceof Integer code ? code : response.getStatus();
    String message =
        request.getAttribute(ERROR_MESSAGE) instanceof String text && !text.isBlank()
            ? text
            : HttpStatus.getMessage(status);
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    Content.Sink.write(response, true, Json.write(Map.of("message", message)) + "\n", callback);
    return true;
  }
}
