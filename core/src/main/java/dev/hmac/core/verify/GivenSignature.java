package dev.hmac.core.verify;

import dev.hmac.core.Algorithm;
import dev.hmac.core.Encoding;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * The signature to check, read once in every way it could have been written, so that the search compares MAC
 * bytes and never encodes a candidate. Only readings whose length is that of some algorithm's MAC are kept.
 */
final class GivenSignature {

    /** How the given text was repaired before reading it. */
    enum Repair {
        NONE,
        /** Spaces put back as {@code +}: a URL or form decoding turned them into spaces. */
        PLUS_AS_SPACE,
        /** Percent-decoded ({@code %2B}, {@code %2F}, {@code %3D}): it was encoded once too often. */
        PERCENT_DECODED
    }

    /** The written forms of a MAC told apart. */
    enum Form {
        BASE64(Encoding.BASE64, "base64"),
        BASE64_UNPADDED(Encoding.BASE64, "base64 without its = padding"),
        BASE64URL(Encoding.BASE64URL, "base64url"),
        BASE64URL_UNPADDED(Encoding.BASE64URL, "base64url without its = padding"),
        HEX_LOWER(Encoding.HEX, "lower-case hex"),
        HEX_UPPER(Encoding.HEX, "upper-case hex"),
        HEX_MIXED(Encoding.HEX, "hex in mixed case");

        final Encoding encoding;
        final String description;

        Form(Encoding encoding, String description) {
            this.encoding = encoding;
            this.description = description;
        }

        /** The one form each encoding writes. */
        static Form canonical(Encoding encoding) {
            return switch (encoding) {
                case BASE64 -> BASE64;
                case BASE64URL -> BASE64URL;
                case HEX -> HEX_LOWER;
            };
        }

        boolean padded() {
            return this == BASE64 || this == BASE64URL;
        }
    }

    /** One reading: these MAC bytes, written in this form, after this repair. */
    record Reading(byte[] mac, Form form, Repair repair) {
        Algorithm algorithm() {
            return Algorithm.ofMacLength(mac.length).orElseThrow();
        }
    }

    private GivenSignature() {
    }

    /**
     * Every reading of the signature, the most likely first: as given before repaired, the expected encoding's
     * family before the other.
     */
    static List<Reading> read(String signature, Encoding expected) {
        List<Reading> readings = new ArrayList<>(6);
        readAll(signature, Repair.NONE, expected, readings);
        if (signature.indexOf(' ') >= 0) {
            readAll(signature.replace(' ', '+'), Repair.PLUS_AS_SPACE, expected, readings);
        }
        String decoded = percentDecoded(signature);
        if (!decoded.equals(signature)) {
            readAll(decoded, Repair.PERCENT_DECODED, expected, readings);
        }
        return readings;
    }

    private static void readAll(String text, Repair repair, Encoding expected, List<Reading> readings) {
        if (expected == Encoding.HEX) {
            add(readings, readHex(text, repair));
            add(readings, readBase64(text, repair, expected));
        } else {
            add(readings, readBase64(text, repair, expected));
            add(readings, readHex(text, repair));
        }
    }

    private static void add(List<Reading> readings, Reading reading) {
        if (reading == null || Algorithm.ofMacLength(reading.mac().length).isEmpty()) {
            return;
        }
        for (Reading known : readings) {
            if (Arrays.equals(known.mac(), reading.mac())) {
                return;
            }
        }
        readings.add(reading);
    }

    private static Reading readHex(String text, Repair repair) {
        if (text.isEmpty() || text.length() % 2 != 0) {
            return null;
        }
        boolean lower = false;
        boolean upper = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 'a' && c <= 'f') {
                lower = true;
            } else if (c >= 'A' && c <= 'F') {
                upper = true;
            } else if (c < '0' || c > '9') {
                return null;
            }
        }
        Form form = lower && upper ? Form.HEX_MIXED : upper ? Form.HEX_UPPER : Form.HEX_LOWER;
        return new Reading(HexFormat.of().parseHex(text), form, repair);
    }

    private static Reading readBase64(String text, Repair repair, Encoding expected) {
        int padding = 0;
        while (padding < text.length() && text.charAt(text.length() - 1 - padding) == '=') {
            padding++;
        }
        int length = text.length() - padding;
        if (length == 0 || padding > 2 || padding > 0 && text.length() % 4 != 0 || length % 4 == 1) {
            return null;
        }
        boolean standard = false;
        boolean url = false;
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c == '+' || c == '/') {
                standard = true;
            } else if (c == '-' || c == '_') {
                url = true;
            } else if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9')) {
                return null;
            }
        }
        if (standard && url) {
            return null;
        }
        // Text in neither alphabet's own characters reads the same in both: name it after the expected one.
        boolean asUrl = url || !standard && expected == Encoding.BASE64URL;
        byte[] mac = (asUrl ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(text);
        String padded = (asUrl ? Base64.getUrlEncoder() : Base64.getEncoder()).encodeToString(mac);
        boolean unpadded = padding == 0 && padded.endsWith("=");
        // Only the canonical writing: unused bits must be zero, so that one MAC has one reading per form.
        if (!(unpadded ? padded.substring(0, length) : padded).equals(text)) {
            return null;
        }
        Form form = asUrl ? (unpadded ? Form.BASE64URL_UNPADDED : Form.BASE64URL)
                : (unpadded ? Form.BASE64_UNPADDED : Form.BASE64);
        return new Reading(mac, form, repair);
    }

    /** Decodes %XX escapes of ASCII, again while some remain (encoded twice), and leaves the rest as it is. */
    static String percentDecoded(String text) {
        String current = text;
        for (int round = 0; round < 3; round++) {
            StringBuilder out = new StringBuilder(current.length());
            for (int i = 0; i < current.length(); i++) {
                int value = i + 2 < current.length() && current.charAt(i) == '%'
                        ? hexValue(current.charAt(i + 1)) * 16 + hexValue(current.charAt(i + 2)) : -1;
                if (value >= 0 && value < 128) {
                    out.append((char) value);
                    i += 2;
                } else {
                    out.append(current.charAt(i));
                }
            }
            if (out.length() == current.length()) {
                break;
            }
            current = out.toString();
        }
        return current;
    }

    /** 0 to 15 for a hex digit; a large negative number otherwise, so that a sum of two stays negative. */
    private static int hexValue(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
            return (c | 0x20) - 'a' + 10;
        }
        return -1000;
    }
}
