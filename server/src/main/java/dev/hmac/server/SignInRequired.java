package dev.hmac.server;

import dev.hmac.api.ApiResponse;
import dev.hmac.api.RestApi;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The 401 a request gets, with single sign-on on, when it carries no valid sign-in of the load balancer: one that
 * came around the balancer, or whose sign-in expired. The REST paths answer in the API's JSON; every other path a
 * page. No stylesheet: it would be refused the same way. Nothing of the request or its token is ever in it.
 */
final class SignInRequired {
    private static final String PAGE = """
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Sign-in required · hmac</title>
            </head>
            <body>
            <main>
            <h1>Sign-in required</h1>
            <p>This page is for people signed in through your company's single sign-on. Open it at its usual
            address, which signs you in first; if you were signed in a while ago, your sign-in may have expired, and
            opening that address again renews it.</p>
            </main>
            </body>
            </html>
            """;
    private static final String MESSAGE = "Sign-in required: this server takes requests only through its load "
            + "balancer's single sign-on.";

    private SignInRequired() {
    }

    static Answer answer(String path) {
        if (RestApi.isPath(path)) {
            return Answer.json(ApiResponse.error(401, MESSAGE));
        }
        Map<String, String> headers = new LinkedHashMap<>(FormPage.HEADERS);
        return Answer.of(401, Answer.HTML, PAGE, headers);
    }
}
