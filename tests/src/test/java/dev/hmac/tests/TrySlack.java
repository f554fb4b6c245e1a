package dev.hmac.tests;

import dev.hmac.bot.testing.FakeSlack;
import dev.hmac.bot.testing.SlackRequests;
import dev.hmac.core.json.Json;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code scripts/try-slack}: the Slack bot without a Slack workspace. Starts the local server jar (as
 * {@code ./serve} does) with a fake Slack Web API on loopback, sends it a signed {@code /hmac} (or
 * {@code /hmac verify}) as Slack would, shows the modal the bot opened, submits it, and shows the private reply the
 * bot posted. Nothing leaves the machine.
 *
 * <pre>
 * usage: scripts/try-slack [--callback URL] [--client-id ID] [--timestamp SECONDS] [--verify [--signature SIG]]
 * </pre>
 * The client secret is the README's vector's, or HMAC_CLIENT_SECRET when set (never printed).
 */
public final class TrySlack {
    private static final Duration WAIT = Duration.ofSeconds(10);
    /** Made up for this run: the fake Slack and the server share it, as a real app and Slack share theirs. */
    private static final String SIGNING_SECRET = "try-slack-signing-secret-0001";
    private static final String BOT_TOKEN = "xoxb-try-slack-0001";
    /** What --verify checks by default: the README's signature after a form decoded it once too often. */
    private static final String PLUS_READ_AS_SPACES = "WRfKcxY3ddRv/mi8gi1OaU4Yd yVL L8tbwjqP8bMlQ=";

    private final PrintStream out;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(WAIT).build();

    private TrySlack(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("callback", "https://apoorva.com");
        values.put("clientid", "LfmvNs1g14p0C7AR3IKyfoCxO6i2zKAJ");
        String secret = System.getenv("HMAC_CLIENT_SECRET");
        values.put("clientsecret", secret == null || secret.isBlank() ? "S6meLXlUY00YVML3" : secret);
        values.put("timestamp", "1444762678");
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (option.equals("--verify")) {
                values.putIfAbsent("signature", PLUS_READ_AS_SPACES);
                continue;
            }
            String key = switch (option) {
                case "--callback" -> "callback";
                case "--client-id" -> "clientid";
                case "--timestamp" -> "timestamp";
                case "--signature" -> "signature";
                default -> null;
            };
            if (key == null || i + 1 >= args.length) {
                System.err.println("usage: scripts/try-slack [--callback URL] [--client-id ID] [--timestamp SECONDS] "
                        + "[--verify [--signature SIG]]\n"
                        + "The client secret is the README's example, or HMAC_CLIENT_SECRET when set. --verify checks a "
                        + "signature with /hmac verify:\nthe README's, its + read as spaces, unless --signature says "
                        + "another.");
                System.exit(option.equals("--help") || option.equals("-h") ? 0 : 2);
            }
            values.put(key, args[++i]);
        }
        System.exit(new TrySlack(System.out).run(values) ? 0 : 1);
    }

    /** @return whether the bot opened the modal and answered the submission */
    boolean run(Map<String, String> values) throws Exception {
        try (FakeSlack slack = new FakeSlack()) {
            ServerProcess server = ServerProcess.start(Map.of("SLACK_SIGNING_SECRET", SIGNING_SECRET,
                    "SLACK_BOT_TOKEN", BOT_TOKEN, "SLACK_API_URL", slack.apiUrl()));
            try {
                URI events = server.uri().resolve("/slack/events");
                out.println("The local server runs at " + server.uri() + ", its Slack endpoint POST " + events);
                out.println("Slack's Web API is a fake on " + slack.apiUrl() + ": no workspace, nothing leaves this machine.");
                out.println();
                return conversation(slack, events, values);
            } finally {
                List<String> log = server.stop();
                out.println();
                out.println("The server's log:");
                log.forEach(line -> out.println("  " + line));
            }
        }
    }

    private boolean conversation(FakeSlack slack, URI events, Map<String, String> values) throws Exception {
        boolean verify = values.containsKey("signature");
        String command = SlackRequests.slashCommand(verify ? "verify" : "", slack.responseUrl("1"), "1111.2222.trigger");
        HttpResponse<String> ack = post(events, command);
        out.println("1. You type " + (verify ? "/hmac verify" : "/hmac") + ". Slack sends the command, signed; the "
                + "server answers " + ack.statusCode() + " and the bot calls views.open:");
        List<FakeSlack.Call> opened = slack.methodCalls("views.open");
        if (ack.statusCode() != 200 || opened.size() != 1) {
            out.println("   no modal was opened (" + ack.statusCode() + " " + ack.body() + ")");
            return false;
        }
        Map<?, ?> view = (Map<?, ?>) ((Map<?, ?>) Json.parse(opened.get(0).body())).get("view");
        out.println();
        printModal(view);
        out.println();

        out.println("2. You fill it in and press " + (verify ? "Check" : "Sign") + " (" + describe(values) + ").");
        out.println("   Slack sends the submission, signed:");
        String submission = verify ? SlackRequests.checkSubmission(values, (String) view.get("private_metadata"))
                : SlackRequests.viewSubmission(values, (String) view.get("private_metadata"));
        HttpResponse<String> submitted = post(events, submission);
        String answer = submitted.body() == null || submitted.body().isEmpty() ? "an empty ack (the modal closes)" : submitted.body();
        out.println("   the server answers " + submitted.statusCode() + " with " + answer);
        if (submitted.statusCode() == 200 && !submitted.body().isEmpty()) {
            Map<?, ?> body = (Map<?, ?>) Json.parse(submitted.body());
            if ("errors".equals(body.get("response_action"))) {
                out.println("   the modal stays open, with these errors under its fields:");
                ((Map<?, ?>) body.get("errors")).forEach((field, message) -> out.println("     " + field + ": " + message));
                return true;
            }
        }
        List<FakeSlack.Call> replies = slack.await("/commands/", 1, WAIT);
        out.println("   and the bot posts its private reply to the command's response_url:");
        out.println();
        printMessage((Map<?, ?>) Json.parse(replies.get(0).body()));
        return submitted.statusCode() == 200;
    }

    private static String describe(Map<String, String> values) {
        return "Callback URL " + values.get("callback") + ", Client ID " + values.get("clientid") + ",\n   Client secret ("
                + values.get("clientsecret").length() + " characters, not shown here), Timestamp " + values.get("timestamp")
                + (values.containsKey("signature") ? ",\n   Signature " + values.get("signature") : "");
    }

    private HttpResponse<String> post(URI uri, String body) throws IOException, InterruptedException {
        SlackRequests.Signed signed = SlackRequests.sign(body, SlackRequests.now(), SIGNING_SECRET);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(WAIT)
                .POST(HttpRequest.BodyPublishers.ofString(signed.body()));
        signed.headers().forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** The modal as Slack would draw it, roughly: title, text, each input with its label, hint and placeholder. */
    private void printModal(Map<?, ?> view) {
        String title = text(view.get("title"));
        out.println("   ┌ " + title + " " + "─".repeat(Math.max(2, 60 - title.length())));
        for (Object block : (List<?>) view.get("blocks")) {
            Map<?, ?> b = (Map<?, ?>) block;
            if ("input".equals(b.get("type"))) {
                Map<?, ?> element = (Map<?, ?>) b.get("element");
                String shown = element.get("initial_value") != null ? (String) element.get("initial_value")
                        : element.get("placeholder") != null ? text(element.get("placeholder")) + "  (placeholder, empty)" : "";
                out.println("   │ " + text(b.get("label")) + (Boolean.TRUE.equals(b.get("optional")) ? " (optional)" : "")
                        + ": [" + shown + "]");
                if (b.get("hint") != null) {
                    out.println("   │     " + text(b.get("hint")));
                }
            } else {
                printBlock(b, "   │ ");
            }
        }
        out.println("   │" + " ".repeat(40) + "[" + text(view.get("close")) + "]  [" + text(view.get("submit")) + "]");
        out.println("   └" + "─".repeat(63));
    }

    /** The reply as Slack shows an ephemeral message. */
    private void printMessage(Map<?, ?> message) {
        out.println("   hmac  (only visible to you; " + message.get("response_type") + ")");
        for (Object block : (List<?>) message.get("blocks")) {
            printBlock((Map<?, ?>) block, "     ");
        }
    }

    private void printBlock(Map<?, ?> block, String indent) {
        if (block.get("text") != null) {
            text(block.get("text")).lines().forEach(line -> out.println(indent + line));
        }
        if (block.get("fields") instanceof List<?> fields) {
            StringBuilder line = new StringBuilder();
            for (Object field : fields) {
                line.append(line.length() == 0 ? "" : "    ").append(text(field).replace("\n", " "));
            }
            out.println(indent + line);
        }
        if (block.get("elements") instanceof List<?> elements) {
            elements.forEach(element -> out.println(indent + text(element)));
        }
    }

    /** A text object's text, its mrkdwn marks taken off. */
    private static String text(Object textObject) {
        if (!(textObject instanceof Map<?, ?> map) || !(map.get("text") instanceof String text)) {
            return "";
        }
        return text.replace("```", "").replace("`", "").replace("*", "")
                .replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }
}
