package dev.hmac.bot.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hmac.bot.testing.FakeSlack;
import dev.hmac.core.testing.HostileUpstream;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The two Slack calls against the fake Slack, and against upstreams that answer badly. */
class SlackWebApiTest {
    private static final Duration DEADLINE = Duration.ofSeconds(2);

    private FakeSlack slack;
    private SlackWebApi web;

    @BeforeEach
    void start() throws Exception {
        slack = new FakeSlack();
        web = new SlackWebApi(slack.apiUrl(), DEADLINE);
    }

    @AfterEach
    void stop() {
        slack.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://hooks.slack.com/commands/T1/2/abc", "https://HOOKS.slack.com/commands/T1/2/abc",
        "https://hooks.slack-gov.com/commands/T1/2/abc", "https://hooks.slack.com:443/commands/T1/2/abc"})
    void slacksHooksHosts_overHttps_areAnswered(String url) {
        assertNotNull(web.slackResponseUrl(url), url);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://hooks.slack.com/commands/T1/2/abc", "https://hooks.slack.com.evil.example/x",
        "https://evil.example/hooks.slack.com", "https://hooks.slack.com@evil.example/x", "https://hooks.slack.com:8443/x",
        "https://slack.com.evil.example/x", "ftp://hooks.slack.com/x", "//hooks.slack.com/x", "not a url", ""})
    void anyOtherUrl_isNoResponseUrl(String url) {
        assertNull(web.slackResponseUrl(url), url);
    }

    @Test
    void theWebApisOwnOrigin_isAnswered_anotherPortOfItsHostIsNot() {
        assertNotNull(web.slackResponseUrl(slack.responseUrl("7")));
        String otherPort = slack.responseUrl("7").replaceFirst(":\\d+/", ":1/");
        assertNull(web.slackResponseUrl(otherPort));
    }

    @Test
    void foreignResponseUrl_isRefused_withoutACall() {
        SlackWebApi.Result result = web.respond("https://evil.example/commands/T1/2/abc", Map.of("text", "signature"));

        assertEquals(new SlackWebApi.Result(false, "foreign_response_url"), result);
        assertTrue(slack.calls().isEmpty());
    }

    @Test
    void slowOrHugeSlack_failsTheCallWithinItsDeadline() throws Exception {
        for (HostileUpstream.Behaviour behaviour : HostileUpstream.Behaviour.values()) {
            try (HostileUpstream upstream = HostileUpstream.start(behaviour)) {
                SlackWebApi hostile = new SlackWebApi(upstream.uri("/api/").toString(), DEADLINE);
                long start = System.nanoTime();
                SlackWebApi.Result opened = hostile.openView("xoxb-test", "1.2.3", Map.of("type", "modal"));
                SlackWebApi.Result posted = hostile.respond(upstream.uri("/commands/T1/2/abc").toString(), Map.of("text", "x"));
                Duration took = Duration.ofNanos(System.nanoTime() - start);

                assertTrue(!opened.ok() && !posted.ok(), behaviour + ": " + opened + " " + posted);
                String expected = behaviour == HostileUpstream.Behaviour.DRIP || behaviour == HostileUpstream.Behaviour.HANG
                        ? "timeout" : "io_error";
                assertEquals(expected, opened.error(), behaviour.name());
                // Two calls of 2 s at most: each would take 10 s or more without its deadline.
                assertTrue(took.compareTo(DEADLINE.multipliedBy(2).plusSeconds(1)) < 0, behaviour + " took " + took.toMillis() + " ms");
            }
        }
    }
}
