package dev.hmac.bot.listeners;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.anyMap;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.request.builtin.GlobalShortcutRequest;
import com.slack.api.bolt.response.Response;
import dev.hmac.bot.PrivateMetadata;
import dev.hmac.bot.testing.SlackRequests;
import dev.hmac.bot.views.VerifyModal;
import dev.hmac.bot.web.SlackWebApi;
import dev.hmac.core.audit.Failure;
import dev.hmac.core.testing.RecordedAudit;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

class ShortcutListenerTest {
    private final SlackWebApi slack = mock(SlackWebApi.class);
    private final RecordedAudit audit = new RecordedAudit();
    private final ShortcutListener listener = new ShortcutListener(slack,
            metadata -> VerifyModal.build(null, null, List.of(), metadata), audit);

    private Response run() {
        String body = SlackRequests.globalShortcut("hmac_verify_shortcut", "5555.6666.trigger");
        String payload = URLDecoder.decode(body.substring("payload=".length()), StandardCharsets.UTF_8);
        GlobalShortcutRequest request = new GlobalShortcutRequest(body, payload, new RequestHeaders(Map.of()));
        request.getContext().setBotToken(SlackRequests.BOT_TOKEN);
        return listener.apply(request, request.getContext());
    }

    @Test
    void shortcut_opensItsModalWithoutAResponseUrl_soTheResultShowsInTheModal() {
        // Given
        when(slack.openView(anyString(), anyString(), anyMap())).thenReturn(new SlackWebApi.Result(true, null));
        // When
        Response response = run();
        // Then
        @SuppressWarnings("unchecked")
        ArgumentCaptor<Map<String, Object>> view = ArgumentCaptor.forClass(Map.class);
        verify(slack).openView(eq(SlackRequests.BOT_TOKEN), eq("5555.6666.trigger"), view.capture());
        assertEquals("hmac_verify", view.getValue().get("callback_id"));
        assertEquals(new PrivateMetadata(null, null),
                PrivateMetadata.parse((String) view.getValue().get("private_metadata")));
        assertEquals(200, response.getStatusCode());
    }

    @Test
    void viewsOpenFailing_isStillAcknowledged_andCountedBySlacksError() {
        when(slack.openView(anyString(), anyString(), anyMap())).thenReturn(new SlackWebApi.Result(false, "expired_trigger_id"));

        Response response = run();

        assertEquals(200, response.getStatusCode());
        assertTrue(response.getBody() == null || response.getBody().isEmpty());
        assertEquals(List.of(new RecordedAudit.Count(Failure.VIEWS_OPEN, "expired_trigger_id")), audit.counts());
    }
}
