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
import dev.hmac.core.Signer;
import dev.hmac.core.json.Json;
import dev.hmac.core.audit.AuditEvent;
import dev.hmac.core.audit.Failure;
import dev.hmac.core.testing.RecordedAudit;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

class SignSubmissionListenerTest {
    private static final String SECRET = "S6meLXlUY00YVML3";
    private static final String RESPONSE_URL = "https://hooks.slack.com/commands/T1/1/abc";

    private final SlackWebApi slack = mock(SlackWebApi.class);
    private final RecordedAudit audit = new RecordedAudit();
    private final SignSubmissionListener listener = new SignSubmissionListener(new Signer(), slack, audit);

    private static Map<String, String> vector() {
        return SlackRequests.vectorValues();
    }

    private Response submit(Map<String, String> values, String metadata) {
        String body = SlackRequests.viewSubmission(values, metadata);
        String payload = URLDecoder.decode(body.substring("payload=".length()), StandardCharsets.UTF_8);
        ViewSubmissionRequest request = new ViewSubmissionRequest(body, payload, new RequestHeaders(Map.of()));
        return listener.apply(request, request.getContext());
    }

    @Test
    void validSubmission_postsAnEphemeralReplyToTheResponseUrlAndCloses() {
        // Given
        when(slack.respond(eq(RESPONSE_URL), anyMap())).thenReturn(new SlackWebApi.Result(true, null));
        // When
        Response response = submit(vector(), new PrivateMetadata(RESPONSE_URL, "C1").toJson());
        // Then
        @SuppressWarnings("unchecked")
        ArgumentCaptor<Map<String, Object>> message = ArgumentCaptor.forClass(Map.class);
        verify(slack).respond(eq(RESPONSE_URL), message.capture());
        String json = Json.write(message.getValue());
        assertEquals("ephemeral", message.getValue().get("response_type"));
        assertTrue(json.contains("WRfKcxY3ddRv/mi8gi1OaU4Yd+yVL+L8tbwjqP8bMlQ="));
        assertFalse(json.contains(SECRET));
        assertEquals(200, response.getStatusCode());
        assertTrue(response.getBody() == null || response.getBody().isEmpty());
        RecordedAudit.Entry entry = audit.entries().get(0);
        assertEquals(1, audit.entries().size());
        assertEquals(Map.of("team", "T0001", "user", "U0001", "userName", "analyst"), entry.caller().actor().ids());
        assertEquals("slack", entry.caller().surface().key());
        assertEquals(AuditEvent.Outcome.SIGNED, entry.event().outcome());
        assertEquals("LfmvNs1g14p0C7AR3IKyfoCxO6i2zKAJ", entry.event().clientId());
        assertEquals("1444762678", entry.event().timestamp());
        assertFalse(entry.toString().contains(SECRET) || entry.toString().contains("WRfKcxY3ddRv"), entry.toString());
        assertEquals(List.of(), audit.counts());
    }

    @Test
    void everyFieldError_goesBackOntoItsBlock() throws Exception {
        Response response = submit(SlackRequests.modalValues("apoorva.com", "", "tab\tinside", "yesterday"), new PrivateMetadata(RESPONSE_URL, "C1").toJson());

        verify(slack, never()).respond(any(), any());
        Map<?, ?> body = (Map<?, ?>) Json.parse(response.getBody());
        assertEquals("errors", body.get("response_action"));
        Map<?, ?> errors = (Map<?, ?>) body.get("errors");
        assertEquals(4, errors.size());
        assertTrue(((String) errors.get("callback")).startsWith("Callback URL must be a full web address"));
        assertEquals("Client ID is required.", errors.get("clientid"));
        assertEquals("Client secret must not contain control characters such as tabs or line breaks.", errors.get("clientsecret"));
        assertTrue(((String) errors.get("timestamp")).startsWith("Timestamp must be a whole number"));
        assertFalse(response.getBody().contains("tab\tinside"));
        assertEquals(AuditEvent.invalid(AuditEvent.Kind.SIGNATURE, List.of()).outcome(), audit.entries().get(0).event().outcome());
        assertEquals(List.of("callback", "clientid", "clientsecret", "timestamp"), audit.entries().get(0).event().fields());
    }

    @Test
    void responseUrlRefused_showsTheResultInTheModalInstead() throws Exception {
        when(slack.respond(eq(RESPONSE_URL), anyMap())).thenReturn(new SlackWebApi.Result(false, "http_404"));

        Response response = submit(vector(), new PrivateMetadata(RESPONSE_URL, "C1").toJson());

        Map<?, ?> body = (Map<?, ?>) Json.parse(response.getBody());
        assertEquals("update", body.get("response_action"));
        Map<?, ?> view = (Map<?, ?>) body.get("view");
        assertEquals("hmac_result", view.get("callback_id"));
        assertTrue(Json.write(view).contains("WRfKcxY3ddRv/mi8gi1OaU4Yd+yVL+L8tbwjqP8bMlQ="));
        assertFalse(Json.write(body).contains(SECRET));
        assertEquals(List.of(new RecordedAudit.Count(Failure.REPLY, "http_404")), audit.counts());
    }

    @Test
    void noResponseUrlInTheMetadata_showsTheResultInTheModal() throws Exception {
        Response response = submit(vector(), "not json");

        verify(slack, never()).respond(any(), any());
        assertEquals("update", ((Map<?, ?>) Json.parse(response.getBody())).get("response_action"));
        assertEquals(List.of(), audit.counts(), "no response_url is no failure: a shortcut has none");
        assertEquals(1, audit.entries().size());
    }
}
