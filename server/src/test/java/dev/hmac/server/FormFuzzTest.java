package dev.hmac.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The web form's two halves that see raw input: decoding a posted body, and rendering a page from what may be
 * shown back. Replays FormFuzzTestInputs in every build; scripts/fuzz fuzzes them.
 */
class FormFuzzTest {
    private static final Set<String> FIELDS = Set.of("Callback", "ClientID", "ClientSecret", "Timestamp");
    private static final List<String> FIELD_IDS = List.of("callback", "clientid", "clientsecret", "timestamp");

    /** Any body decodes to the form's fields or is refused as Malformed, and what decodes encodes back to itself. */
    @FuzzTest
    @DictionaryEntries({"Callback=", "ClientID=", "ClientSecret=", "Timestamp=", "&", "%", "%C3%A9", "%ED%A0%80", "+"})
    void anyBody_decodesStrictlyOrIsRefused(byte[] body) throws FormData.Malformed {
        Map<String, String> fields;
        try {
            fields = FormData.parse(body, FIELDS);
        } catch (FormData.Malformed e) {
            assertNotNull(e.getMessage());
            return;
        }
        assertTrue(FIELDS.containsAll(fields.keySet()), fields.keySet().toString());
        StringBuilder again = new StringBuilder();
        fields.forEach((name, value) -> again.append(again.length() == 0 ? "" : "&").append(name).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        assertEquals(fields, FormData.parse(again.toString().getBytes(StandardCharsets.US_ASCII), FIELDS));
    }

    /**
     * Whatever the page shows (typed values, messages, a result), it is escaped: the page has exactly the markup
     * characters ({@code < > " '}) of the same page with every shown value replaced by a plain "x".
     */
    @FuzzTest
    @DictionaryEntries({"<script>", "\"><img src=x>", "'", "&amp;", "</textarea>", "callback", "timestamp"})
    void anyView_isRenderedEscaped(FuzzedDataProvider data) {
        FormView view = new FormView(data.consumeString(300), data.consumeString(300), data.consumeString(30),
                errors(data), data.consumeBoolean() ? data.consumeString(200) : null,
                data.consumeBoolean() ? result(data) : null);

        String page = FormPage.render(view);
        String plain = FormPage.render(shape(view));

        for (char c : new char[] {'<', '>', '"', '\''}) {
            assertEquals(count(plain, c), count(page, c), "unescaped " + c);
        }
    }

    private static Map<String, String> errors(FuzzedDataProvider data) {
        Map<String, String> errors = new LinkedHashMap<>();
        int n = data.consumeInt(0, 5);
        for (int i = 0; i < n; i++) {
            String key = data.consumeBoolean() ? data.pickValue(FIELD_IDS) : data.consumeString(20);
            errors.put(key, data.consumeString(200));
        }
        return errors;
    }

    private static Map<String, String> result(FuzzedDataProvider data) {
        Map<String, String> result = new LinkedHashMap<>();
        result.put("callback", data.consumeString(300));
        result.put("clientid", data.consumeString(100));
        result.put("timestamp", data.consumeBoolean() ? Long.toString(data.consumeLong()) : data.consumeString(20));
        result.put("signature", data.consumeString(60));
        return result;
    }

    /** The same page structure with plain values: empty stays empty (it opens details), field ids stay ids. */
    private static FormView shape(FormView view) {
        UnaryOperator<String> x = s -> s == null ? null : s.isEmpty() ? "" : "x";
        Map<String, String> errors = new LinkedHashMap<>();
        int i = 0;
        for (Map.Entry<String, String> e : view.errors().entrySet()) {
            errors.put(FIELD_IDS.contains(e.getKey()) ? e.getKey() : "k" + i++, x.apply(e.getValue()));
        }
        Map<String, String> result = null;
        if (view.result() != null) {
            result = new LinkedHashMap<>();
            for (Map.Entry<String, String> e : view.result().entrySet()) {
                // A number keeps its value (its UTC time is shown); anything else shows no time, like "x".
                result.put(e.getKey(), e.getKey().equals("timestamp") && isLong(e.getValue()) ? e.getValue() : x.apply(e.getValue()));
            }
        }
        return new FormView(x.apply(view.callback()), x.apply(view.clientId()), x.apply(view.timestamp()), errors,
                x.apply(view.problem()), result);
    }

    private static boolean isLong(String s) {
        try {
            Long.parseLong(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static int count(String s, char c) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            n += s.charAt(i) == c ? 1 : 0;
        }
        return n;
    }
}
