package dev.hmac.bot.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.slack.api.bolt.App;
import com.slack.api.bolt.aws_lambda.SlackApiLambdaHandler;
import com.slack.api.bolt.aws_lambda.request.ApiGatewayRequest;
import com.slack.api.bolt.aws_lambda.request.Identity;
import com.slack.api.bolt.aws_lambda.request.RequestContext;
import com.slack.api.bolt.aws_lambda.response.ApiGatewayResponse;
import dev.hmac.aws.ApiGatewayEvent;
import dev.hmac.bot.BoltDispatcher;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;

/**
 * bolt-aws-lambda, for what it does well: its API Gateway request and response types, and its conversion of the
 * one to Bolt's request ({@code toSlackRequest}) and of Bolt's response to the other.
 *
 * <p>Not its {@code handleRequest}: under Lambda's own event serializer, its {@code isBase64Encoded} field (Lombok)
 * never binds, so a base64 body reaches Bolt as base64 text and gets 400; and when a listener throws, it logs the
 * whole request body, which for a modal submission holds the client secret. Here the request comes bound and
 * decoded by {@link ApiGatewayEvent}, and runs through the {@link BoltDispatcher}, which logs a failure's type and
 * stack only.
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

    /**
     * Bolt's answer to a request that passed the signature check.
     *
     * @param requestId Lambda's id of the invocation, for the audit lines
     */
    ApiGatewayResponse handle(ApiGatewayEvent event, String requestId) {
        ApiGatewayRequest request = request(event);
        return toApiGatewayResponse(dispatcher.dispatch(() -> toSlackRequest(request), requestId));
    }

    @Override
    public ApiGatewayResponse handleRequest(ApiGatewayRequest input, Context context) {
        return toApiGatewayResponse(dispatcher.dispatch(() -> toSlackRequest(input),
                context == null ? null : context.getAwsRequestId()));
    }

    /** bolt-aws-lambda's request type, with the body already decoded. */
    private static ApiGatewayRequest request(ApiGatewayEvent event) {
        ApiGatewayRequest request = new ApiGatewayRequest();
        request.setHttpMethod(event.method());
        request.setPath(event.path());
        request.setHeaders(new HashMap<>(event.headers()));
        request.setQueryStringParameters(new HashMap<>(event.query()));
        Identity identity = new Identity();
        identity.setSourceIp(event.sourceIp());
        RequestContext context = new RequestContext();
        context.setIdentity(identity);
        request.setRequestContext(context);
        request.setBody(new String(event.body(), StandardCharsets.UTF_8));
        request.setBase64Encoded(false);
        return request;
    }
}
