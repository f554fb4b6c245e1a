package dev.hmac.server;

import dev.hmac.api.ApiResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The answer to a request the server refuses before the router (a malformed request line or header, headers too
 * large, broken framing, a stop in progress): {@code {"error": "..."}} in our own words, like every other error
 * here, and the connection closes. Never Jetty's page, whose message can quote the request.
 */
final class JsonErrorHandler extends ErrorHandler {
    private static final HttpField JSON = new HttpField(HttpHeader.CONTENT_TYPE, ApiResponse.JSON);
    /** As every other answer of the API: the contract (api/openapi.yaml) says so for every status. */
    private static final HttpField NO_STORE = new HttpField(HttpHeader.CACHE_CONTROL, "no-store");
    /** Nothing after a refused request is read as another: the connection closes. */
    private static final HttpField CLOSE = new HttpField(HttpHeader.CONNECTION, "close");

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        byte[] body = body(code);
        response.getHeaders().put(JSON);
        response.getHeaders().put(NO_STORE);
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        response.getHeaders().put(CLOSE);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(JSON);
        fields.put(NO_STORE);
        fields.put("X-Content-Type-Options", "nosniff");
        fields.put(CLOSE);
        return ByteBuffer.wrap(body(status));
    }

    private static byte[] body(int status) {
        return ApiResponse.error(status, message(status)).body().getBytes(StandardCharsets.UTF_8);
    }

    private static String message(int status) {
        switch (status) {
            case 400:
                return "Bad request: the request line, a header or the body's framing is malformed.";
            case 408:
                return "The request took too long.";
            case 413:
                return "The request is too large.";
            case 414:
                return "The request target is too long.";
            case 431:
                return "The request headers are too large.";
            case 501:
                return "Not implemented.";
            case 503:
                return "The server is stopping. Please try again.";
            case 505:
                return "HTTP version not supported.";
            default:
                return status >= 500 ? "Internal error. Please try again." : "The request could not be served.";
        }
    }
}
