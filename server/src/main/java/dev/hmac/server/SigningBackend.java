package dev.hmac.server;

import dev.hmac.api.ApiResponse;
import java.util.Map;

/**
 * Where the web form gets its signature: in-process, or from the deployed REST API as the original form did.
 * Both answer in the REST contract's terms, so the form renders one kind of outcome.
 */
interface SigningBackend {

    /** @param request the REST contract's JSON object: callback, clientid, clientsecret, optional timestamp */
    ApiResponse sign(Map<String, Object> request);

    /** A short description for the start-up banner. */
    String describe();
}
