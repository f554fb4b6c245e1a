package dev.hmac.core;

import dev.hmac.core.json.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * HMACs computed by a second, independent implementation: Python's hmac, hashlib and base64 modules, as the
 * original Lambda was written in Python. Takes many inputs in one process to keep the tests fast.
 */
public final class PythonHmac {
    private static final String SCRIPT = String.join("\n",
            "import base64, binascii, hashlib, hmac, json, sys",
            "for line in sys.stdin:",
            "    r = json.loads(line)",
            "    key = binascii.unhexlify(r['key'])",
            "    mac = hmac.new(key, binascii.unhexlify(r['message']), getattr(hashlib, r['algorithm'])).digest()",
            "    e = r['encoding']",
            "    out = base64.b64encode(mac) if e == 'base64' else base64.urlsafe_b64encode(mac) if e == 'base64url' "
                    + "else mac.hex().encode()",
            "    print(out.decode())");

    /** One HMAC to compute: key and message as bytes, algorithm and encoding by their canonical names. */
    public record Input(Algorithm algorithm, Encoding encoding, byte[] key, byte[] message) {
        public static Input of(Algorithm algorithm, Encoding encoding, String key, String message) {
            return new Input(algorithm, encoding, key.getBytes(StandardCharsets.UTF_8),
                    message.getBytes(StandardCharsets.UTF_8));
        }
    }

    private PythonHmac() {
    }

    /** The encoded HMACs, in the order of the inputs. */
    public static List<String> of(List<Input> inputs) {
        try {
            Process python = new ProcessBuilder("python3", "-c", SCRIPT).redirectErrorStream(true).start();
            try (Writer in = new OutputStreamWriter(python.getOutputStream(), StandardCharsets.UTF_8)) {
                for (Input input : inputs) {
                    in.write(Json.write(Map.of("algorithm", input.algorithm().key(), "encoding",
                            input.encoding().key(), "key", HexFormat.of().formatHex(input.key()), "message",
                            HexFormat.of().formatHex(input.message()))));
                    in.write('\n');
                }
            }
            List<String> out = new ArrayList<>();
            try (BufferedReader reader = new BufferedReader(
                    new InputStreamReader(python.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    out.add(line);
                }
            }
            if (!python.waitFor(30, TimeUnit.SECONDS) || python.exitValue() != 0 || out.size() != inputs.size()) {
                throw new IllegalStateException("python3 failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static String of(Input input) {
        return of(List.of(input)).get(0);
    }
}
