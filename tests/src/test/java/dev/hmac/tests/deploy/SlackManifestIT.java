package dev.hmac.tests.deploy;

import static dev.hmac.tests.deploy.Template.at;
import static dev.hmac.tests.deploy.Template.list;
import static dev.hmac.tests.deploy.Template.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hmac.bot.Ids;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** manifest.yml, from which the Slack app is created, against the ids the bot routes. */
class SlackManifestIT {
    private static final Path MANIFEST = Template.INFRA.resolveSibling("manifest.yml");

    @Test
    void manifest_hasTheCommandAndBothShortcuts_underTheIdsTheBotRoutes() throws Exception {
        Map<String, Object> manifest = CloudFormationYaml.load(MANIFEST);

        Map<String, Object> command = map(list(at(manifest, "features", "slash_commands")).get(0));
        assertEquals(Ids.COMMAND, command.get("command"));
        assertTrue(((String) command.get("usage_hint")).contains("verify"), String.valueOf(command));
        Map<String, String> shortcuts = new LinkedHashMap<>();
        for (Object shortcut : list(at(manifest, "features", "shortcuts"))) {
            assertEquals("global", map(shortcut).get("type"), "a global shortcut: no message to act on");
            assertTrue(((String) map(shortcut).get("description")).length() <= 150, "Slack's limit");
            shortcuts.put((String) map(shortcut).get("callback_id"), (String) map(shortcut).get("name"));
        }
        assertEquals(Map.of(Ids.SIGN_SHORTCUT, "Sign for Apigee", Ids.VERIFY_SHORTCUT, "Check a signature"), shortcuts);
        assertEquals(Boolean.TRUE, at(manifest, "settings", "interactivity", "is_enabled"), "shortcuts and modals need it");
        assertEquals(List.of("commands"), at(manifest, "oauth_config", "scopes", "bot"), "shortcuts need no other scope");
    }
}
