package dev.hmac.core.verify;

import dev.hmac.core.Algorithm;
import dev.hmac.core.Encoding;
import dev.hmac.core.Field;
import dev.hmac.core.VerificationRequest;
import dev.hmac.core.verify.GivenSignature.Form;
import dev.hmac.core.verify.GivenSignature.Reading;
import dev.hmac.core.verify.GivenSignature.Repair;
import dev.hmac.core.verify.Search.Hit;
import dev.hmac.core.verify.Search.Outcome;
import dev.hmac.core.verify.Search.Step;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The words of a verdict: what differs and what to do, for each cause found. Never quotes the secret or a
 * signature.
 */
final class Explanations {

    private Explanations() {
    }

    /** Why the signature is what it is, in the order of {@link Cause}; empty when it is the right one. */
    static List<Explanation> of(VerificationRequest request, Hit hit, long centre) {
        List<Explanation> out = new ArrayList<>();
        Reading reading = hit.reading();
        if (reading.repair() != Repair.NONE) {
            out.add(urlDecoded(reading.repair()));
        }
        if (reading.form() != Form.canonical(request.signing().encoding())) {
            out.add(encoding(reading.form(), request.signing().encoding()));
        }
        long second = hit.milliseconds() ? Math.floorDiv(hit.timestamp(), 1000) : hit.timestamp();
        if (request.signing().timestamp().isPresent() && !hit.milliseconds() && second != centre) {
            out.add(timestamp(hit.timestamp(), centre, request.isMilliseconds()));
        }
        if (hit.milliseconds()) {
            out.add(signedInMilliseconds(hit.timestamp(), request.isMilliseconds()));
        } else if (request.isMilliseconds()) {
            out.add(givenInMilliseconds(request.millisecondsGiven().getAsLong(), true));
        }
        if (hit.variant().explanation() != null) {
            out.add(hit.variant().explanation());
        }
        if (hit.algorithm() != request.signing().algorithm()) {
            out.add(algorithm(hit.algorithm(), request.signing().algorithm()));
        }
        return out;
    }

    /** Nothing found: say what was tried, what was not, and where to look. */
    static List<Explanation> unexplained(VerificationRequest request, List<Reading> readings, Outcome outcome,
            long centre) {
        List<Explanation> out = new ArrayList<>();
        if (request.isMilliseconds()) {
            out.add(givenInMilliseconds(request.millisecondsGiven().getAsLong(), false));
        }
        StringBuilder message = new StringBuilder("Nothing we tried explains the difference. ");
        List<String> lengths = new ArrayList<>();
        for (Reading reading : readings) {
            if (reading.algorithm() == request.signing().algorithm()) {
                lengths.clear();
                break;
            }
            lengths.add(reading.algorithm().label() + " (" + reading.mac().length + " bytes)");
        }
        if (!lengths.isEmpty()) {
            message.append("The signature has the length of an ").append(String.join(" or an ", lengths))
                    .append(", not of an ").append(request.signing().algorithm().label())
                    .append(", and was tried as that: check that it was copied whole. ");
        }
        if (!outcome.complete()) {
            message.append("The search stopped at its time limit before it tried ")
                    .append(notTried(outcome, centre)).append(". ");
        } else if (request.signing().timestamp().isEmpty()) {
            message.append("Without a timestamp, every second within 24 hours of now was tried with the inputs as "
                    + "given, and the other causes within 5 minutes of now: give the timestamp that was signed to "
                    + "try them all. ");
        }
        message.append(LOOK);
        out.add(new Explanation(Cause.UNEXPLAINED, message.toString(), Map.of()));
        return out;
    }

    private static final String LOOK = "Compare the string your code signs with message_to_sign, part by part, "
            + "and check that the client secret is the one Apigee has.";

    /** The signature reads as no MAC at all. */
    static List<Explanation> notAMac(VerificationRequest request) {
        Algorithm algorithm = request.signing().algorithm();
        Encoding encoding = request.signing().encoding();
        int expected = encoding.encode(new byte[algorithm.macLength()]).length();
        int given = request.signature().codePointCount(0, request.signature().length());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("field", Field.SIGNATURE.key());
        details.put("length", given);
        details.put("expected_length", expected);
        String message = "The signature is not an HMAC written in base64, base64url or hex: it has " + given
                + (given == 1 ? " character" : " characters") + ", while an " + algorithm.label() + " in "
                + encoding.key() + " has " + expected + ". Check that it was copied whole, with nothing added. "
                + LOOK;
        return List.of(new Explanation(Cause.UNEXPLAINED, message, details));
    }

    // ---- one per cause ----

    private static Explanation urlDecoded(Repair repair) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("field", Field.SIGNATURE.key());
        String message;
        if (repair == Repair.PLUS_AS_SPACE) {
            details.put("change", "plus-as-space");
            message = "The signature has spaces where the right one has + signs: it was URL-decoded once too often "
                    + "(in a URL or a form, + means a space). Percent-encode it when you put it in a URL or a form "
                    + "(+ becomes %2B), and decode it only once.";
        } else {
            details.put("change", "percent-encoded");
            message = "The signature is still percent-encoded (%2B, %2F or %3D where the right one has +, / or =): "
                    + "it was URL-encoded once too often. Encode it only once, and send it decoded where no URL "
                    + "encoding is expected.";
        }
        return new Explanation(Cause.URL_DECODED, message, details);
    }

    private static Explanation encoding(Form form, Encoding expected) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("encoding", form.encoding.key());
        if (form.encoding == Encoding.HEX) {
            details.put("letter_case", form == Form.HEX_UPPER ? "upper" : form == Form.HEX_MIXED ? "mixed" : "lower");
        } else {
            details.put("padded", form.padded());
        }
        String advice;
        if (form.encoding == expected) {
            advice = expected == Encoding.HEX ? "Write the hex in lower case."
                    : "Keep the = padding at the end: Apigee compares the text as it is.";
        } else {
            advice = "Encode the MAC's bytes in " + expected.key() + (form.encoding == Encoding.HEX
                    ? " (not the hex text)" : "") + ", or, if your Apigee policy writes " + form.encoding.key()
                    + (form.encoding == Encoding.HEX ? " (Apigee calls it base16)" : "")
                    + ", check with encoding " + form.encoding.key() + ".";
        }
        String message = "The signature is the right MAC written in " + form.description
                + "; the expected signature is " + expected.description() + ". " + advice;
        return new Explanation(Cause.ENCODING, message, details);
    }

    private static Explanation timestamp(long found, long given, boolean givenInMilliseconds) {
        long offset = found - given;
        Map<String, Object> details = at(Long.toString(found), iso(found * 1000, false));
        details.put("offset_seconds", offset);
        String message = "The signature is right for timestamp " + found + " (" + words(found) + "), "
                + duration(Math.abs(offset)) + (offset < 0 ? " before " : " after ") + "the one "
                + (givenInMilliseconds ? "given (in seconds)" : "given")
                + ". The timestamp sent to Apigee must be the one that was signed: take the time once, and use it for "
                + "both.";
        return new Explanation(Cause.TIMESTAMP, message, details);
    }

    private static Explanation signedInMilliseconds(long milliseconds, boolean givenInMilliseconds) {
        long seconds = Math.floorDiv(milliseconds, 1000);
        String message = givenInMilliseconds
                ? "The signature was made with the timestamp in milliseconds, " + milliseconds + ". Apigee expects "
                        + "Unix seconds: sign and send " + seconds + " instead."
                : "The signature was made with a timestamp in milliseconds, " + milliseconds + ", instead of the "
                        + "seconds given. Sign the timestamp in Unix seconds, " + seconds + ", the one sent to Apigee "
                        + "(milliseconds divided by 1000, without the fraction).";
        return new Explanation(Cause.MILLISECONDS, message, at(Long.toString(milliseconds), iso(milliseconds, true)));
    }

    private static Explanation givenInMilliseconds(long milliseconds, boolean signedInSeconds) {
        long seconds = Math.floorDiv(milliseconds, 1000);
        String message = "The timestamp given, " + milliseconds + ", is in milliseconds; "
                + (signedInSeconds ? "the signature was made with the same time in seconds, " + seconds
                        + ". Send Apigee the timestamp in seconds, the one that was signed."
                        : "it was checked as given and as " + seconds + " seconds. Apigee expects Unix seconds.");
        return new Explanation(Cause.MILLISECONDS, message, at(Long.toString(seconds), iso(seconds * 1000, false)));
    }

    /** The details of a timestamp: the digits and their time in UTC. */
    private static Map<String, Object> at(String timestamp, String time) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("timestamp", timestamp);
        details.put("time", time);
        return details;
    }

    private static Explanation algorithm(Algorithm found, Algorithm expected) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("algorithm", found.key());
        String message = "The signature is an " + found.label() + ", not an " + expected.label() + ": its "
                + found.macLength() + " bytes are the length of an " + found.label() + ". Sign with "
                + expected.label() + " or, if your Apigee policy uses " + found.label() + ", check with algorithm "
                + found.key() + "." + (found.isWeak() ? " " + found.label() + " is weak: prefer HMAC-SHA256." : "");
        return new Explanation(Cause.ALGORITHM, message, details);
    }

    // ---- words ----

    private static String notTried(Outcome outcome, long centre) {
        List<String> parts = new ArrayList<>();
        boolean after = false;
        for (Step step : outcome.steps()) {
            if (step == outcome.stoppedAt()) {
                after = true;
                parts.add(notTried(step, outcome.stoppedAtDistance(), centre));
            } else if (after) {
                parts.add(notTried(step, step == Step.AROUND_NOW ? Search.NEAR_NOW + 1 : step == Step.AROUND_GIVEN
                        ? 1 : 0, centre));
            }
        }
        return String.join(", and ", parts);
    }

    private static String notTried(Step step, long from, long centre) {
        return switch (step) {
            case MILLISECONDS_OF_GIVEN -> (from == 0 ? "the timestamps in milliseconds within second "
                    : "the rest of the timestamps in milliseconds within second ") + centre;
            case AROUND_GIVEN -> from <= 1 ? "any other timestamp within 24 hours of " + centre
                    : "the timestamps " + duration(from) + " or more from " + centre + " (up to 24 hours)";
            case CHANGED_NEAR_NOW -> "whitespace, callback, order and key changes at the timestamps "
                    + duration(from) + " or more from now (up to 5 minutes)";
            case AROUND_NOW -> "the timestamps " + duration(from) + " or more from now (up to 24 hours)";
            default -> step.name();
        };
    }

    /**
     * ISO-8601 in UTC, like {@code 2015-10-13T18:57:58Z}, by hand: java.time's formatters cost a cold JVM
     * milliseconds to set up, and a verdict is often a cold Lambda's first answer.
     */
    static String iso(long epochMillis, boolean withMillis) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(Math.floorDiv(epochMillis, 1000), 0, ZoneOffset.UTC);
        StringBuilder out = new StringBuilder(24).append(t.getYear()).append('-');
        two(out, t.getMonthValue()).append('-');
        two(out, t.getDayOfMonth()).append('T');
        two(out, t.getHour()).append(':');
        two(out, t.getMinute()).append(':');
        two(out, t.getSecond());
        if (withMillis) {
            long millis = Math.floorMod(epochMillis, 1000);
            out.append('.').append(millis < 100 ? "0" : "").append(millis < 10 ? "0" : "").append(millis);
        }
        return out.append('Z').toString();
    }

    /** {@code 2015-10-13 18:57:58 UTC}, for a sentence. */
    private static String words(long epochSecond) {
        return iso(epochSecond * 1000, false).replace('T', ' ').replace("Z", " UTC");
    }

    private static StringBuilder two(StringBuilder out, int value) {
        return out.append(value < 10 ? "0" : "").append(value);
    }

    /** 78 → "1 minute 18 seconds"; hours keep their minutes and drop the seconds. */
    static String duration(long seconds) {
        long hours = seconds / 3600;
        long minutes = seconds % 3600 / 60;
        long rest = seconds % 60;
        if (hours > 0) {
            return unit(hours, "hour") + (minutes > 0 ? " " + unit(minutes, "minute") : "");
        }
        if (minutes > 0) {
            return unit(minutes, "minute") + (rest > 0 ? " " + unit(rest, "second") : "");
        }
        return unit(rest, "second");
    }

    private static String unit(long n, String name) {
        return n + " " + name + (n == 1 ? "" : "s");
    }
}
