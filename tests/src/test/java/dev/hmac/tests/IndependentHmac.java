package dev.hmac.tests;

import dev.hmac.core.json.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The signing rule computed by a second, independent implementation: Python's hmac module, as the original
 * Lambda was written in Python. Takes many inputs in one process to keep the test fast.
 */
final class IndependentHmac {
    private static final String SCRIPT = String.join("\n",
            "import base64, hashlib, hmac, json, sys",
            "for line in sys.stdin:",
            "    r = json.loads(line)",
            "    s = r['clientsecret']",
            "    msg = (s + r['callback'] + r['clientid'] + r['timestamp']).encode('utf-8')",
            "    print(base64.b64encode(hmac.new(s.encode('utf-8'), msg, hashlib.sha256).digest()).decode())");

    private IndependentHmac() {
    }

    /** @param inputs maps with callback, clientid, clientsecret and timestamp (a string) */
    static List<String> signatures(List<Map<String, Object>> inputs) throws IOException, InterruptedException {
        Process python = new ProcessBuilder("python3", "-c", SCRIPT).redirectErrorStream(true).start();
        try (Writer in = new OutputStreamWriter(python.getOutputStream(), StandardCharsets.UTF_8)) {
            for (Map<String, Object> input : inputs) {
                in.write(Json.write(input));
                in.write('\n');
            }
        }
        List<String> out = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(python.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                out.add(line);
            }
        }
        if (!python.waitFor(30, TimeUnit.SECONDS) || python.exitValue() != 0) {
            throw new IllegalStateException("python3 failed: " + out);
        }
        return out;
    }
}
