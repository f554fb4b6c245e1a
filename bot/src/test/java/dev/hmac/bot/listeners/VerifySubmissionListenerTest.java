package dev.hmac.bot.listeners;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyMap;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.request.builtin.ViewSubmissionRequest;
import com.slack.api.bolt.response.Response;
import dev.hmac.bot.PrivateMetadata;
import dev.hmac.bot.testing.SlackRequests;
import dev.hmac.bot.web.SlackWebApi;
import dev.hmac.core.VerificationRequest;
import dev.hmac.core.json.Json;
import dev.hmac.core.audit.AuditEvent;
import dev.hmac.core.testing.RecordedAudit;
import dev.hmac.core.testing.WrongSignatures;
import dev.hmac.core.verify.Verdict;
import dev.hmac.core.verify.Verifier;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

class VerifySubmissionListenerTest {
    private static final String SECRET = WrongSignatures.SECRET;
    private static final String RESPONSE_URL = "https://hooks.slack.com/commands/T1/1/abc";
    private static final Verifier VERIFIER = new Verifier();

    private final SlackWebApi slack = mock(SlackWebApi.class);
    private final RecordedAudit audit = new RecordedAudit();
    private Function<VerificationRequest, Optional<Verdict>> checks = request -> Optional.of(VERIFIER.verify(request));

    private Response submit(Map<String, String> values, String metadata) {
        String body = SlackRequests.checkSubmission(values, metadata);
        String payload = URLDecoder.decode(body.substring("payload=".length()), StandardCharsets.UTF_8);
        ViewSubmissionRequest request = new ViewSubmissionRequest(body, payload, new RequestHeaders(Map.of()));
        return new VerifySubmissionListener(checks, slack, audit).apply(request, request.getContext());
    }

    private String posted() {
        @SuppressWarnings("unchecked")
        ArgumentCaptor<Map<String, Object>> message = ArgumentCaptor.forClass(Map.class);
        verify(slack).respond(eq(RESPONSE_URL), message.capture());
        assertEquals("ephemeral", message.getValue().get("response_type"));
        return Json.write(message.getValue());
    }

    private static String metadata() {
        return new PrivateMetadata(RESPONSE_URL, "C1").toJson();
    }

    @Test
    void rightSignature_postsAPrivateMatchAndCloses() {
        // Given
        when(slack.respond(eq(RESPONSE_URL), anyMap())).thenReturn(new SlackWebApi.Result(true, null));
        // When
        Response response = submit(SlackRequests.vectorCheckValues(), metadata());
        // Then
        String message = posted();
        assertTrue(message.contains("It matches."), message);
        assertTrue(message.contains("```" + WrongSignatures.SIGNATURE + "```"), message);
        assertTrue(message.contains("«client secret, 16 characters» + https://apoorva.com"), message);
        assertFalse(message.contains(SECRET));
        assertEquals(200, response.getStatusCode());
        assertTrue(response.getBody() == null || response.getBody().isEmpty());
        assertEquals(AuditEvent.Kind.VERIFICATION, audit.entries().get(0).event().kind());
        assertEquals(AuditEvent.Outcome.MATCH, audit.entries().get(0).event().outcome());
    }

    @Test
    void secretThatKeptItsLineBreak_isExplainedInTheReply() {
        when(slack.respond(eq(RESPONSE_URL), anyMap())).thenReturn(new SlackWebApi.Result(true, null));
        WrongSignatures.Case newline = WrongSignatures.oneForEachCause().stream()
                .filter(c -> c.causes().contains("whitespace")).findFirst().orElseThrow();

        submit(newline.texts(), metadata());

        String message = posted();
        assertTrue(message.contains("No match."), message);
        assertTrue(message.contains("*Whitespace*"), message);
        assertTrue(message.contains("The signature does not match (whitespace)."), message);
        assertTrue(message.contains("The signature Apigee expects"), message);
        assertFalse(message.contains(SECRET));
        assertFalse(message.contains(newline.signature()), "the signature typed is not repeated");
        assertEquals(AuditEvent.Outcome.MISMATCH, audit.entries().get(0).event().outcome());
        assertEquals("whitespace", audit.entries().get(0).event().cause());
    }

    @Test
    void fieldErrors_goBackOntoTheirBlocks_andAMillisecondTimestampIsNoneOfThem() throws Exception {
        Response invalid = submit(SlackRequests.checkValues("apoorva.com", "id", SECRET, "yesterday", null), metadata());
        when(slack.respond(eq(RESPONSE_URL), anyMap())).thenReturn(new SlackWebApi.Result(true, null));
        Response milliseconds = submit(SlackRequests.checkValues(WrongSignatures.CALLBACK, WrongSignatures.CLIENT_ID,
                SECRET, "1444762678000", WrongSignatures.SIGNATURE), metadata());

        Map<?, ?> body = (Map<?, ?>) Json.parse(invalid.getBody());
        assertEquals("errors", body.get("response_action"));
        assertEquals(java.util.Set.of("callback", "timestamp", "signature"), ((Map<?, ?>) body.get("errors")).keySet());
        assertEquals("Signature is required.", ((Map<?, ?>) body.get("errors")).get("signature"));
        assertEquals(200, milliseconds.getStatusCode());
        assertTrue(posted().contains("*Milliseconds*"));
    }

    @Test
    void responseUrlRefused_showsTheVerdictInTheModal() throws Exception {
        when(slack.respond(eq(RESPONSE_URL), anyMap())).thenReturn(new SlackWebApi.Result(false, "http_404"));

        Response response = submit(SlackRequests.vectorCheckValues(), metadata());

        Map<?, ?> body = (Map<?, ?>) Json.parse(response.getBody());
        assertEquals("update", body.get("response_action"));
        Map<?, ?> view = (Map<?, ?>) body.get("view");
        assertEquals("hmac_result", view.get("callback_id"));
        assertEquals("Check a signature", ((Map<?, ?>) view.get("title")).get("text"));
        assertTrue(Json.write(view).contains("It matches."));
        assertFalse(response.getBody().contains(SECRET));
    }

    @Test
    void fromAShortcut_noResponseUrl_theVerdictShowsInTheModal() throws Exception {
        Response response = submit(SlackRequests.vectorCheckValues(), new PrivateMetadata(null, null).toJson());

        verify(slack, never()).respond(any(), any());
        assertEquals("update", ((Map<?, ?>) Json.parse(response.getBody())).get("response_action"));
    }

    @Test
    void tooManyChecksAtOnce_keepsTheModalOpenWithTheReasonUnderTheSignature() throws Exception {
        checks = request -> Optional.empty();

        Response response = submit(SlackRequests.vectorCheckValues(), metadata());

        verify(slack, never()).respond(any(), any());
        Map<?, ?> body = (Map<?, ?>) Json.parse(response.getBody());
        assertEquals(Map.of("signature", VerifySubmissionListener.BUSY), body.get("errors"));
        assertEquals(java.util.List.of(), audit.entries(), "nothing was checked");
    }
}
