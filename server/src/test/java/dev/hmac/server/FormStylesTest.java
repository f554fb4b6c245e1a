package dev.hmac.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The stylesheet's colours, read from form.css as the browser gets it: the edges of what takes input stand out
 * from what is around them by at least 3:1 (WCAG 2.1, 1.4.11 Non-text Contrast), computed by the WCAG formula.
 */
class FormStylesTest {
    private static final Pattern RULE = Pattern.compile("([^{}]+)\\{([^{}]*)\\}");
    private static final Pattern DECLARATION = Pattern.compile("([-a-z]+)\\s*:\\s*([^;]+)");
    private static final Pattern HEX = Pattern.compile("#([0-9a-fA-F]{6}|[0-9a-fA-F]{3})\\b");
    private static final Pattern VAR = Pattern.compile("var\\((--[-a-z]+)\\)");

    private static String css() throws IOException {
        try (InputStream in = FormStylesTest.class.getResourceAsStream("/static/form.css")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replaceAll("(?s)/\\*.*?\\*/", "");
        }
    }

    /** Every rule's declarations by selector, in order; a selector given twice (in a media query) merges. */
    private static Map<String, Map<String, String>> rules(String css) {
        Map<String, Map<String, String>> rules = new LinkedHashMap<>();
        Matcher rule = RULE.matcher(css);
        while (rule.find()) {
            Map<String, String> declarations = rules.computeIfAbsent(rule.group(1).trim(), s -> new LinkedHashMap<>());
            Matcher declaration = DECLARATION.matcher(rule.group(2));
            while (declaration.find()) {
                declarations.put(declaration.group(1), declaration.group(2).trim());
            }
        }
        return rules;
    }

    /** The colour a value names, its variables resolved through :root. */
    private static String colour(Map<String, Map<String, String>> rules, String value) {
        Matcher var = VAR.matcher(value);
        String resolved = var.find() ? rules.get(":root").get(var.group(1)) : value;
        Matcher hex = HEX.matcher(resolved);
        assertTrue(hex.find(), "no colour in " + value);
        String digits = hex.group(1);
        return digits.length() == 3 ? digits.replaceAll("(.)", "$1$1") : digits;
    }

    private static double luminance(String hex) {
        double[] channels = new double[3];
        for (int i = 0; i < 3; i++) {
            double c = Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16) / 255.0;
            channels[i] = c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2];
    }

    static double contrast(String a, String b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    @Test
    void contrast_isTheWcagRatio() {
        assertEquals(21.0, contrast("000000", "ffffff"), 1e-9);
        assertEquals(1.0, contrast("767e8c", "767e8c"), 1e-9);
        // The old input border, #d5dae1 on white: about 1.4:1, which 1.4.11 fails.
        assertEquals(1.41, contrast("d5dae1", "ffffff"), 0.01);
    }

    @Test
    void inputAndSelectBorders_haveAtLeast3To1AgainstTheCardAndTheirOwnBackground() throws IOException {
        Map<String, Map<String, String>> rules = rules(css());
        String card = colour(rules, rules.get("main").get("background"));
        List<String> selectors = List.of("input, select", ".invalid input, .invalid select", "button");
        for (String selector : selectors) {
            Map<String, String> rule = rules.get(selector);
            assertFalse(rule == null, selector + " is not in form.css: " + rules.keySet());
            String border = colour(rules, rule.containsKey("border-color") ? rule.get("border-color") : rule.get("border"));
            String inside = rules.get(selector.startsWith(".invalid") ? "input, select" : selector).get("background");
            assertTrue(contrast(border, card) >= 3, selector + ": #" + border + " on the card #" + card + " is "
                    + contrast(border, card));
            assertTrue(contrast(border, colour(rules, inside)) >= 3, selector + " against its own background");
        }
    }

    @Test
    void focusOutline_hasAtLeast3To1AgainstTheCard() throws IOException {
        Map<String, Map<String, String>> rules = rules(css());
        String card = colour(rules, rules.get("main").get("background"));

        assertTrue(contrast(colour(rules, rules.get("input:focus, select:focus").get("outline")), card) >= 3);
    }
}
