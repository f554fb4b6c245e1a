package dev.hmac.api;

import java.util.Map;
import java.util.Objects;

/**
 * The REST API's two endpoints, {@code POST /signature} and {@code POST /verify}, routed the same way on Lambda and
 * on the local server.
 */
public final class RestApi {
    /** For either endpoint: a full request is under 4 KiB. */
    public static final int MAX_BODY_BYTES = 16 * 1024;

    private final SignatureEndpoint signing;
    private final VerificationEndpoint checking;

    public RestApi(SignatureEndpoint signing, VerificationEndpoint checking) {
        this.signing = Objects.requireNonNull(signing, "signing");
        this.checking = Objects.requireNonNull(checking, "checking");
    }

    /** Whether the path is one of the endpoints': the only paths that may be logged. */
    public static boolean isPath(String path) {
        return SignatureEndpoint.PATH.equals(path) || VerificationEndpoint.PATH.equals(path);
    }

    /** One HTTP request; {@code body} is read only for a POST to an endpoint. */
    public ApiResponse handle(String method, String path, byte[] body) {
        if (!isPath(path)) {
            return ApiResponse.error(404, "Not found. This API has two endpoints: POST " + SignatureEndpoint.PATH
                    + " and POST " + VerificationEndpoint.PATH + ".");
        }
        if (!"POST".equals(method)) {
            return ApiResponse.error(405, "Method not allowed. Use POST " + path + ".").withHeader("Allow", "POST");
        }
        return SignatureEndpoint.PATH.equals(path) ? signing.sign(body) : checking.verify(body);
    }

    /** A direct invocation of the Lambda function with a bare object: signing, as the original was tested. */
    public ApiResponse sign(Map<String, Object> object) {
        return signing.sign(object);
    }

    public static ApiResponse tooLarge() {
        return ApiResponse.error(413, "The request body is too large: at most 16 KiB.");
    }
}
