package dev.hmac.bot.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.slack.api.bolt.App;
import com.slack.api.bolt.aws_lambda.SlackApiLambdaHandler;
import com.slack.api.bolt.aws_lambda.request.ApiGatewayRequest;
import com.slack.api.bolt.aws_lambda.response.ApiGatewayResponse;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.util.SlackRequestParser;
import dev.hmac.bot.BoltDispatcher;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * bolt-aws-lambda's handler with its leaks closed: on a listener failure it logged the whole request body, and
 * at debug level it logs every request; a modal submission body holds the client secret. Here the request goes
 * through the {@link BoltDispatcher}, which logs only a failure's type and stack.
 */
final class BoltLambdaAdapter extends SlackApiLambdaHandler {
    private final BoltDispatcher dispatcher;

    BoltLambdaAdapter(App app) {
        super(app);
        this.dispatcher = new BoltDispatcher(app);
    }

    @Override
    protected boolean isWarmupRequest(ApiGatewayRequest request) {
        return false;
    }

    @Override
    public ApiGatewayResponse handleRequest(ApiGatewayRequest input, Context context) {
        String sourceIp = input.getRequestContext() != null && input.getRequestContext().getIdentity() != null
                ? input.getRequestContext().getIdentity().getSourceIp() : null;
        SlackRequestParser.HttpRequest raw = SlackRequestParser.HttpRequest.builder()
                .requestUri(input.getPath())
                .queryString(multi(input.getQueryStringParameters()))
                .headers(new RequestHeaders(multi(input.getHeaders())))
                .requestBody(input.getBody())
                .remoteAddress(sourceIp)
                .build();
        return toApiGatewayResponse(dispatcher.dispatch(raw));
    }

    static ApiGatewayResponse reply(int status, String json) {
        return ApiGatewayResponse.builder().statusCode(status)
                .headers(Map.of("Content-Type", "application/json; charset=utf-8")).rawBody(json).build();
    }

    private static Map<String, List<String>> multi(Map<String, String> single) {
        Map<String, List<String>> multi = new HashMap<>();
        if (single != null) {
            single.forEach((name, value) -> multi.put(name, List.of(value)));
        }
        return multi;
    }
}
