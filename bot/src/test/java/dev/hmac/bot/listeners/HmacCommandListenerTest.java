package dev.hmac.bot.listeners;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyMap;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.response.Response;
import dev.hmac.bot.PrivateMetadata;
import dev.hmac.bot.testing.SlackRequests;
import dev.hmac.bot.web.SlackWebApi;
import dev.hmac.core.audit.Failure;
import dev.hmac.core.testing.RecordedAudit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

class HmacCommandListenerTest {
    private final SlackWebApi slack = mock(SlackWebApi.class);
    private final RecordedAudit audit = new RecordedAudit();
    private final HmacCommandListener listener = new HmacCommandListener(slack, audit);

    /** The ack's text, decoded (Bolt's Gson escapes quotes and '=' as \\u escapes). */
    private static String text(Response response) throws Exception {
        return (String) ((java.util.Map<?, ?>) dev.hmac.core.json.Json.parse(response.getBody())).get("text");
    }

    private Response run(String text) {
        SlashCommandRequest request = new SlashCommandRequest(
                SlackRequests.slashCommand(text, "https://hooks.slack.com/commands/T1/1/abc", "1111.2222.trigger"),
                new RequestHeaders(Map.of()));
        request.getContext().setBotToken(SlackRequests.BOT_TOKEN);
        return listener.apply(request, request.getContext());
    }

    @Test
    void hmac_opensTheModalWithTheTriggerIdThenAcksEmpty() {
        // Given
        when(slack.openView(anyString(), anyString(), anyMap())).thenReturn(new SlackWebApi.Result(true, null));
        // When
        Response response = run("");
        // Then
        @SuppressWarnings("unchecked")
        ArgumentCaptor<Map<String, Object>> view = ArgumentCaptor.forClass(Map.class);
        verify(slack).openView(eq(SlackRequests.BOT_TOKEN), eq("1111.2222.trigger"), view.capture());
        assertEquals("hmac_sign", view.getValue().get("callback_id"));
        PrivateMetadata metadata = PrivateMetadata.parse((String) view.getValue().get("private_metadata"));
        assertEquals(new PrivateMetadata("https://hooks.slack.com/commands/T1/1/abc", "D0001"), metadata);
        assertEquals(200, response.getStatusCode());
        assertTrue(response.getBody() == null || response.getBody().isEmpty());
    }

    @Test
    void hmacWithCallbackAndClientId_prefillsThem() {
        when(slack.openView(anyString(), anyString(), anyMap())).thenReturn(new SlackWebApi.Result(true, null));

        run("https://apoorva.com LfmvNs1g14p0C7AR3IKyfoCxO6i2zKAJ");

        @SuppressWarnings("unchecked")
        ArgumentCaptor<Map<String, Object>> view = ArgumentCaptor.forClass(Map.class);
        verify(slack).openView(anyString(), anyString(), view.capture());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> blocks = (List<Map<String, Object>>) view.getValue().get("blocks");
        assertEquals("https://apoorva.com", ((Map<?, ?>) blocks.get(1).get("element")).get("initial_value"));
        assertEquals("LfmvNs1g14p0C7AR3IKyfoCxO6i2zKAJ", ((Map<?, ?>) blocks.get(2).get("element")).get("initial_value"));
    }

    @Test
    void verify_opensTheCheckModal_prefilledWhenGiven() {
        when(slack.openView(anyString(), anyString(), anyMap())).thenReturn(new SlackWebApi.Result(true, null));

        run("verify https://apoorva.com my-id");

        @SuppressWarnings("unchecked")
        ArgumentCaptor<Map<String, Object>> view = ArgumentCaptor.forClass(Map.class);
        verify(slack).openView(eq(SlackRequests.BOT_TOKEN), eq("1111.2222.trigger"), view.capture());
        assertEquals("hmac_verify", view.getValue().get("callback_id"));
        assertEquals(new PrivateMetadata("https://hooks.slack.com/commands/T1/1/abc", "D0001"),
                PrivateMetadata.parse((String) view.getValue().get("private_metadata")));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> blocks = (List<Map<String, Object>>) view.getValue().get("blocks");
        assertEquals("https://apoorva.com", ((Map<?, ?>) blocks.get(1).get("element")).get("initial_value"));
        assertEquals("signature", blocks.get(blocks.size() - 1).get("block_id"));
    }

    @Test
    void callbackWithoutScheme_opensTheFormPrefilled_withTheProblemAboveTheField() {
        when(slack.openView(anyString(), anyString(), anyMap())).thenReturn(new SlackWebApi.Result(true, null));

        run("example.com my-id");

        @SuppressWarnings("unchecked")
        ArgumentCaptor<Map<String, Object>> view = ArgumentCaptor.forClass(Map.class);
        verify(slack).openView(anyString(), anyString(), view.capture());
        assertEquals("hmac_sign", view.getValue().get("callback_id"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> blocks = (List<Map<String, Object>>) view.getValue().get("blocks");
        assertEquals("context", blocks.get(1).get("type"));
        assertTrue(dev.hmac.core.json.Json.write(blocks.get(1)).contains(
                "Callback URL must be a full web address starting with http:// or https://"));
        assertEquals("callback", blocks.get(2).get("block_id"));
        assertEquals("example.com", ((Map<?, ?>) blocks.get(2).get("element")).get("initial_value"));
        assertEquals("my-id", ((Map<?, ?>) blocks.get(3).get("element")).get("initial_value"));
    }

    @Test
    void help_answersWithPrivateUsageAndOpensNothing() throws Exception {
        Response response = run("help");

        verify(slack, never()).openView(any(), any(), any());
        assertTrue(text(response).contains("/hmac https://example.com/callback my-client-id"));
        assertTrue(text(response).contains("`/hmac verify`"));
        assertTrue(text(response).contains("*Sign for Apigee* and *Check a signature*"));
        assertFalse(response.getBody().contains("in_channel"));
    }

    @Test
    void wordThatIsNoCommandNorAddress_getsTheUsage() throws Exception {
        Response response = run("verfy");

        verify(slack, never()).openView(any(), any(), any());
        assertTrue(text(response).startsWith("I didn't understand that."));
    }

    @Test
    void textWithASecret_warnsAndNeverEchoesIt() throws Exception {
        Response response = run("https://apoorva.com my-id S6meLXlUY00YVML3");

        verify(slack, never()).openView(any(), any(), any());
        assertTrue(text(response).contains("If you typed the client secret, it was not used or kept"));
        assertFalse(response.getBody().contains("S6meLXlUY00YVML3"));
    }

    @Test
    void viewsOpenFailing_tellsTheUserToTryAgain() throws Exception {
        when(slack.openView(anyString(), anyString(), anyMap())).thenReturn(new SlackWebApi.Result(false, "expired_trigger_id"));

        Response response = run("");
        Response verify = run("verify");

        assertEquals(200, response.getStatusCode());
        assertTrue(text(response).contains("I couldn't open the form (expired_trigger_id). Please try `/hmac` again."));
        assertTrue(text(verify).contains("Please try `/hmac verify` again."));
        assertEquals(List.of(new RecordedAudit.Count(Failure.VIEWS_OPEN, "expired_trigger_id"),
                new RecordedAudit.Count(Failure.VIEWS_OPEN, "expired_trigger_id")), audit.counts());
    }

    @Test
    void viewsOpenSucceeding_countsNothing() {
        when(slack.openView(anyString(), anyString(), anyMap())).thenReturn(new SlackWebApi.Result(true, null));

        run("");

        assertEquals(List.of(), audit.counts());
        assertEquals(List.of(), audit.entries(), "opening a form signs nothing");
    }
}
