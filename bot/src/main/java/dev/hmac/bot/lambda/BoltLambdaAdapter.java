package dev.hmac.bot.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.slack.api.bolt.App;
import com.slack.api.bolt.aws_lambda.SlackApiLambdaHandler;
import com.slack.api.bolt.aws_lambda.request.ApiGatewayRequest;
import com.slack.api.bolt.aws_lambda.response.ApiGatewayResponse;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.util.SlackRequestParser;
import dev.hmac.core.Failures;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * bolt-aws-lambda's handler with its two leaks closed: on a listener failure it logged the whole request body,
 * and at debug level it logs every request; a modal submission body holds the client secret. This version logs
 * only the failure's type and stack, and answers malformed payloads with 400 instead of 500.
 */
final class BoltLambdaAdapter extends SlackApiLambdaHandler {
    private static final Logger LOG = LoggerFactory.getLogger(BoltLambdaAdapter.class);

    private final SlackRequestParser parser;

    BoltLambdaAdapter(App app) {
        super(app);
        this.parser = new SlackRequestParser(app.config());
    }

    @Override
    protected boolean isWarmupRequest(ApiGatewayRequest request) {
        return false;
    }

    @Override
    public ApiGatewayResponse handleRequest(ApiGatewayRequest input, Context context) {
        Request<?> request;
        try {
            request = toSlackRequest(input);
        } catch (RuntimeException e) {
            // Signed by Slack but not a payload Bolt can read (bad JSON, missing view...).
            LOG.warn("Unreadable Slack payload: {}", e.getClass().getName());
            return reply(400, "{\"error\":\"unreadable payload\"}");
        }
        if (request == null) {
            return reply(400, "{\"error\":\"unsupported request\"}");
        }
        try {
            return toApiGatewayResponse(app().run(request));
        } catch (Exception e) {
            LOG.error("A listener failed: {}", Failures.describe(e));
            return reply(500, "{\"error\":\"internal error\"}");
        }
    }

    /** As bolt-aws-lambda does it, minus the debug log of the whole request. */
    @Override
    protected Request<?> toSlackRequest(ApiGatewayRequest input) {
        Map<String, List<String>> headers = new HashMap<>();
        if (input.getHeaders() != null) {
            input.getHeaders().forEach((name, value) -> headers.put(name, new ArrayList<>(List.of(value))));
        }
        Map<String, List<String>> query = new HashMap<>();
        if (input.getQueryStringParameters() != null) {
            input.getQueryStringParameters().forEach((name, value) -> query.put(name, new ArrayList<>(List.of(value))));
        }
        String sourceIp = input.getRequestContext() != null && input.getRequestContext().getIdentity() != null
                ? input.getRequestContext().getIdentity().getSourceIp() : null;
        return parser.parse(SlackRequestParser.HttpRequest.builder()
                .requestUri(input.getPath())
                .queryString(query)
                .headers(new RequestHeaders(headers))
                .requestBody(input.getBody())
                .remoteAddress(sourceIp)
                .build());
    }

    static ApiGatewayResponse reply(int status, String json) {
        return ApiGatewayResponse.builder().statusCode(status)
                .headers(Map.of("Content-Type", "application/json; charset=utf-8")).rawBody(json).build();
    }
}
