package dev.hmac.bot.listeners;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.request.RequestType;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.request.builtin.ViewSubmissionRequest;
import com.slack.api.bolt.response.Response;
import dev.hmac.bot.testing.SlackRequests;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The kinds of request the app routes come from the listeners registered, not from a list kept by hand. */
class ListenerRegistrarTest {
    private final App app = new App(AppConfig.builder().singleTeamBotToken(SlackRequests.BOT_TOKEN).build(),
            new ArrayList<>());
    private final ListenerRegistrar registrar = new ListenerRegistrar(app);

    private static ViewSubmissionRequest submission(String body) {
        String payload = URLDecoder.decode(body.substring("payload=".length()), StandardCharsets.UTF_8);
        return new ViewSubmissionRequest(body, payload, new RequestHeaders(Map.of()));
    }

    @Test
    void routedKinds_areTheRegisteredListenersAndUrlVerification() {
        assertEquals(Set.of(RequestType.UrlVerification), registrar.routed());

        registrar.command("/hmac", (request, context) -> context.ack("opened"));

        assertEquals(Set.of(RequestType.UrlVerification, RequestType.Command), registrar.routed());
    }

    @Test
    void aKindWithoutAListener_isAnswered404BeforeBoltsRouting() throws Exception {
        registrar.command("/hmac", (request, context) -> context.ack("opened"));
        String body = SlackRequests.viewSubmission(SlackRequests.vectorValues(), "{}");

        Response response = app.run(submission(body));

        assertEquals(404, response.getStatusCode());
        assertEquals("{\"error\":\"no handler found\"}", response.getBody());
    }

    @Test
    void registeredKind_reachesItsListener() throws Exception {
        registrar.command("/hmac", (request, context) -> context.ack("opened"));
        SlashCommandRequest command = new SlashCommandRequest(
                SlackRequests.slashCommand("", "https://hooks.slack.com/commands/T1/1/a", "1.2.3"), new RequestHeaders(Map.of()));

        Response response = app.run(command);

        assertEquals(200, response.getStatusCode());
        assertEquals("{\"text\":\"opened\"}", response.getBody());
    }

    @Test
    void globalShortcut_isRoutedOnceRegistered_andOneWithoutACallbackIdIs400() throws Exception {
        registrar.globalShortcut("hmac_sign_shortcut", (request, context) -> context.ack());
        String body = SlackRequests.globalShortcut("hmac_sign_shortcut", "1.2.3");
        String withoutId = "payload=" + java.net.URLEncoder.encode("{\"type\":\"shortcut\",\"trigger_id\":\"1.2.3\","
                + "\"team\":{\"id\":\"T1\"},\"user\":{\"id\":\"U1\"}}", StandardCharsets.UTF_8);

        Response routed = app.run(shortcut(body));
        Response refused = app.run(shortcut(withoutId));

        assertEquals(Set.of(RequestType.UrlVerification, RequestType.GlobalShortcut), registrar.routed());
        assertEquals(200, routed.getStatusCode());
        assertEquals(400, refused.getStatusCode());
    }

    private static com.slack.api.bolt.request.builtin.GlobalShortcutRequest shortcut(String body) {
        String payload = URLDecoder.decode(body.substring("payload=".length()), StandardCharsets.UTF_8);
        return new com.slack.api.bolt.request.builtin.GlobalShortcutRequest(body, payload, new RequestHeaders(Map.of()));
    }

    @Test
    void viewSubmissionWithoutAView_is400() throws Exception {
        registrar.viewSubmission("hmac_sign", (request, context) -> context.ack());

        Response response = app.run(submission("payload=" + java.net.URLEncoder.encode(
                "{\"type\":\"view_submission\",\"team\":{\"id\":\"T1\"},\"user\":{\"id\":\"U1\"}}", StandardCharsets.UTF_8)));

        assertEquals(400, response.getStatusCode());
    }
}
