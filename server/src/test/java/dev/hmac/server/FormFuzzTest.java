package dev.hmac.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.hmac.core.Algorithm;
import dev.hmac.core.Encoding;
import dev.hmac.core.Field;
import dev.hmac.core.Signature;
import dev.hmac.core.verify.Cause;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * The web form's halves that see raw input: decoding a posted body (on the signing page and the check page), and
 * rendering either page from what may be shown back. Replays FormFuzzTestInputs in every build; scripts/fuzz
 * fuzzes them.
 */
class FormFuzzTest {
    private static final Set<String> SIGNING = Field.signing().stream().map(Field::formName)
            .collect(Collectors.toUnmodifiableSet());
    private static final Set<String> CHECK = Arrays.stream(Field.values()).map(Field::formName)
            .collect(Collectors.toUnmodifiableSet());
    private static final List<String> FIELD_IDS = Arrays.stream(Field.values()).map(Field::key).toList();
    private static final List<String> CAUSES = Arrays.stream(Cause.values()).map(Cause::code).toList();

    /**
     * Any body decodes to the page's fields or is refused as Malformed, and what decodes encodes back to itself. The
     * check page takes what the signing page takes, and Signature besides: nothing else.
     */
    @FuzzTest
    @DictionaryEntries({"Callback=", "ClientID=", "ClientSecret=", "Timestamp=", "Signature=", "Algorithm=",
        "Encoding=", "&", "%", "%C3%A9", "%ED%A0%80", "+", "sha512", "hex"})
    void anyBody_decodesStrictlyOrIsRefused(byte[] body) throws FormData.Malformed {
        Map<String, String> signing = decodesToItself(body, SIGNING);
        Map<String, String> check = decodesToItself(body, CHECK);

        if (signing != null) {
            assertEquals(signing, check, "the check page refused what the signing page takes");
        }
        if (check != null) {
            assertEquals(SIGNING.containsAll(check.keySet()), signing != null, check.keySet().toString());
        }
    }

    /** The fields, or null when refused. */
    private static Map<String, String> decodesToItself(byte[] body, Set<String> names) throws FormData.Malformed {
        Map<String, String> fields;
        try {
            fields = FormData.parse(body, names);
        } catch (FormData.Malformed e) {
            assertNotNull(e.getMessage());
            return null;
        }
        assertTrue(names.containsAll(fields.keySet()), fields.keySet().toString());
        StringBuilder again = new StringBuilder();
        fields.forEach((name, value) -> again.append(again.length() == 0 ? "" : "&").append(name).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        assertEquals(fields, FormData.parse(again.toString().getBytes(StandardCharsets.US_ASCII), names));
        return fields;
    }

    /**
     * Whatever the signing page shows (typed values, messages, a signature), it is escaped: the page has exactly
     * the markup characters ({@code < > " '}) of the same page with every shown value replaced by a plain "x".
     */
    @FuzzTest
    @DictionaryEntries({"<script>", "\"><img src=x>", "'", "&amp;", "</textarea>", "callback", "timestamp", "sha1"})
    void anyView_isRenderedEscaped(FuzzedDataProvider data) {
        FormView view = view(data);
        Signature signature = data.consumeBoolean() ? new Signature(data.consumeString(300), data.consumeString(100),
                timestamp(data), data.consumeString(60), data.pickValue(Algorithm.values()),
                data.pickValue(Encoding.values())) : null;

        String page = SigningPage.render(view, signature);
        String plain = SigningPage.render(shape(view), signature == null ? null : new Signature(x(signature.callback()),
                x(signature.clientId()), shapeTimestamp(signature.timestamp()), x(signature.signature()),
                signature.algorithm(), signature.encoding()));

        assertSameMarkup(plain, page);
    }

    /** The same for the check page, with a verdict of any words, causes and string to sign. */
    @FuzzTest
    @DictionaryEntries({"<script>", "\"><img src=x>", "'", "&amp;", "whitespace", "unexplained", "signature"})
    void anyCheckView_isRenderedEscaped(FuzzedDataProvider data) {
        FormView view = view(data);
        CheckResult result = null;
        if (data.consumeBoolean()) {
            List<CheckResult.Reason> reasons = new ArrayList<>();
            int n = data.consumeInt(0, 4);
            for (int i = 0; i < n; i++) {
                reasons.add(new CheckResult.Reason(data.consumeBoolean() ? data.pickValue(CAUSES)
                        : data.consumeString(20), data.consumeString(200)));
            }
            result = new CheckResult(data.consumeBoolean(), data.consumeString(300), data.consumeString(100),
                    timestamp(data), data.pickValue(Algorithm.values()), data.pickValue(Encoding.values()),
                    data.consumeString(60), data.consumeString(300), data.consumeInt(), reasons, data.consumeBoolean());
        }

        String page = CheckPage.render(view, result);
        String plain = CheckPage.render(shape(view), result == null ? null : shape(result));

        assertSameMarkup(plain, page);
    }

    private static FormView view(FuzzedDataProvider data) {
        Map<Field, String> typed = new EnumMap<>(Field.class);
        for (Field field : Field.values()) {
            if (data.consumeBoolean()) {
                typed.put(field, data.consumeString(field == Field.TIMESTAMP ? 30 : 300));
            }
        }
        Map<String, String> errors = new LinkedHashMap<>();
        int n = data.consumeInt(0, 5);
        for (int i = 0; i < n; i++) {
            String key = data.consumeBoolean() ? data.pickValue(FIELD_IDS) : data.consumeString(20);
            errors.put(key, data.consumeString(200));
        }
        return new FormView(typed, errors, data.consumeBoolean() ? data.consumeString(200) : null);
    }

    private static String timestamp(FuzzedDataProvider data) {
        return data.consumeBoolean() ? Long.toString(data.consumeLong()) : data.consumeString(20);
    }

    private static String x(String s) {
        return s == null ? null : s.isEmpty() ? "" : "x";
    }

    /** A number keeps its value (its UTC time is shown); anything else shows no time, like "x". */
    private static String shapeTimestamp(String timestamp) {
        try {
            Long.parseLong(timestamp);
            return timestamp;
        } catch (NumberFormatException e) {
            return x(timestamp);
        }
    }

    /**
     * The same page structure with plain values: empty stays empty (it opens details), field ids stay ids, an
     * option's name keeps what it names.
     */
    private static FormView shape(FormView view) {
        UnaryOperator<String> x = FormFuzzTest::x;
        Map<Field, String> typed = new EnumMap<>(Field.class);
        view.typed().forEach((field, value) -> typed.put(field, switch (field) {
            case ALGORITHM -> Algorithm.parse(value).map(Algorithm::key).orElse(x.apply(value));
            case ENCODING -> Encoding.parse(value).map(Encoding::key).orElse(x.apply(value));
            default -> x.apply(value);
        }));
        Map<String, String> errors = new LinkedHashMap<>();
        int i = 0;
        for (Map.Entry<String, String> e : view.errors().entrySet()) {
            errors.put(FIELD_IDS.contains(e.getKey()) ? e.getKey() : "k" + i++, x.apply(e.getValue()));
        }
        return new FormView(typed, errors, x.apply(view.problem()));
    }

    private static CheckResult shape(CheckResult result) {
        List<CheckResult.Reason> reasons = new ArrayList<>();
        for (CheckResult.Reason reason : result.reasons()) {
            // A known cause keeps its code (its heading is its label); any other shows the same heading as "x".
            reasons.add(new CheckResult.Reason(CAUSES.contains(reason.cause()) ? reason.cause() : x(reason.cause()),
                    x(reason.message())));
        }
        return new CheckResult(result.match(), x(result.callback()), x(result.clientId()),
                shapeTimestamp(result.timestamp()), result.algorithm(), result.encoding(), x(result.signature()),
                x(result.messageToSign()), result.messageBytes(), reasons, result.complete());
    }

    /** Line-break opportunities ({@code <wbr>}, in URLs) aside: they depend on the text, and are ours. */
    private static void assertSameMarkup(String plain, String page) {
        plain = plain.replace("<wbr>", "");
        page = page.replace("<wbr>", "");
        for (char c : new char[] {'<', '>', '"', '\''}) {
            assertEquals(count(plain, c), count(page, c), "unescaped " + c);
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
