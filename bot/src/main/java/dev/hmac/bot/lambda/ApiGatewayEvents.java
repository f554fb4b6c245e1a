package dev.hmac.bot.lambda;

import com.slack.api.bolt.aws_lambda.request.ApiGatewayRequest;
import com.slack.api.bolt.aws_lambda.request.Identity;
import com.slack.api.bolt.aws_lambda.request.RequestContext;
import dev.hmac.bot.SlackGate;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Binds an API Gateway proxy event (REST API payload 1.0, or 2.0) to bolt-aws-lambda's request model, decoding
 * base64 bodies here: under Lambda's own serializer, bolt-aws-lambda 1.45.4 never sees isBase64Encoded (its
 * Lombok field name does not bind), so it would hand Bolt the base64 text and answer 400.
 */
final class ApiGatewayEvents {
    private ApiGatewayEvents() {
    }

    /** The request, with a decoded body; null when the event is not an HTTP event. */
    static ApiGatewayRequest read(Map<String, Object> event) throws TooLarge {
        ApiGatewayRequest request = new ApiGatewayRequest();
        Map<String, String> headers = strings(event.get("headers"));
        if (event.get("httpMethod") instanceof String) {
            request.setHttpMethod((String) event.get("httpMethod"));
            request.setPath(event.get("path") instanceof String ? (String) event.get("path") : "");
        } else if (event.get("requestContext") instanceof Map
                && ((Map<?, ?>) event.get("requestContext")).get("http") instanceof Map) {
            Map<?, ?> http = (Map<?, ?>) ((Map<?, ?>) event.get("requestContext")).get("http");
            request.setHttpMethod(http.get("method") instanceof String ? (String) http.get("method") : "");
            request.setPath(event.get("rawPath") instanceof String ? (String) event.get("rawPath") : "");
        } else {
            return null;
        }
        request.setHeaders(headers);
        request.setQueryStringParameters(strings(event.get("queryStringParameters")));
        request.setRequestContext(requestContext(event.get("requestContext")));
        request.setBody(body(event));
        request.setBase64Encoded(false);
        return request;
    }

    private static String body(Map<String, Object> event) throws TooLarge {
        if (!(event.get("body") instanceof String)) {
            return "";
        }
        String body = (String) event.get("body");
        if (Boolean.TRUE.equals(event.get("isBase64Encoded"))) {
            if (body.length() / 4 * 3 > SlackGate.MAX_BODY_BYTES + 3) {
                throw new TooLarge();
            }
            try {
                return new String(Base64.getMimeDecoder().decode(body), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                // Not base64 after all: Bolt's signature check on the text will refuse it.
                return body;
            }
        }
        if (body.length() > SlackGate.MAX_BODY_BYTES) {
            throw new TooLarge();
        }
        return body;
    }

    private static RequestContext requestContext(Object raw) {
        RequestContext context = new RequestContext();
        if (raw instanceof Map && ((Map<?, ?>) raw).get("identity") instanceof Map) {
            Object sourceIp = ((Map<?, ?>) ((Map<?, ?>) raw).get("identity")).get("sourceIp");
            Identity identity = new Identity();
            identity.setSourceIp(sourceIp instanceof String ? (String) sourceIp : null);
            context.setIdentity(identity);
        }
        return context;
    }

    private static Map<String, String> strings(Object raw) {
        Map<String, String> map = new LinkedHashMap<>();
        if (raw instanceof Map) {
            ((Map<?, ?>) raw).forEach((k, v) -> {
                if (k instanceof String && v instanceof String) {
                    map.put((String) k, (String) v);
                }
            });
        }
        return map;
    }

    /** The body exceeds {@link SlackGate#MAX_BODY_BYTES}. */
    static final class TooLarge extends Exception {
        private static final long serialVersionUID = 1L;

        TooLarge() {
            super(null, null, false, false);
        }
    }
}
