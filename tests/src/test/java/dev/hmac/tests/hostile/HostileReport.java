package dev.hmac.tests.hostile;

import dev.hmac.tests.ServerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code scripts/hostile}: the scenarios of {@link HostileClients} against one or more server jars, one after the
 * other, each jar started as a user starts it; prints one table for all, for docs/security.md.
 *
 * <pre>scripts/hostile [--clients 64] [label=path/to/hmac-server.jar ...]   (default: this build's jar)</pre>
 */
public final class HostileReport {
    private HostileReport() {
    }

    public static void main(String[] args) throws Exception {
        int clients = 64;
        Map<String, Path> jars = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--clients")) {
                clients = Integer.parseInt(args[++i]);
            } else if (args[i].contains("=")) {
                String[] labelled = args[i].split("=", 2);
                jars.put(labelled[0], Path.of(labelled[1]));
            } else {
                System.err.println("usage: scripts/hostile [--clients N] [label=path/to/hmac-server.jar ...]");
                System.exit(2);
            }
        }
        if (jars.isEmpty()) {
            jars.put("this build", ServerProcess.jar());
        }
        for (Path jar : jars.values()) {
            if (!Files.isRegularFile(jar)) {
                throw new IllegalArgumentException(jar + " is not a file");
            }
        }

        Map<String, List<String>> columns = new LinkedHashMap<>();
        List<String> rows = new ArrayList<>();
        for (Map.Entry<String, Path> jar : jars.entrySet()) {
            List<String> cells = new ArrayList<>();
            try (ServerProcess server = ServerProcess.start(jar.getValue(), List.of(), Map.of())) {
                System.err.println("== " + jar.getKey() + " (" + jar.getValue() + ")");
                for (HostileClients.Slow kind : HostileClients.Slow.values()) {
                    Duration duration = Duration.ofSeconds(kind == HostileClients.Slow.READER ? 40 : 20);
                    HostileClients.SlowOutcome outcome = HostileClients.slow(server.uri(), kind, clients, duration);
                    System.err.println("   " + outcome);
                    addRow(rows, columns.isEmpty(), describe(kind, clients, duration));
                    cells.add(String.format("%d/%d answered; %s", outcome.answered(), outcome.probes(),
                            outcome.dropped() == 0 ? "none dropped" : String.format("%d dropped, median %.1f s",
                                    outcome.dropped(), outcome.medianDropSeconds())));
                    Thread.sleep(2000); // the server settles between scenarios
                }
                for (HostileClients.Shape shape : HostileClients.desyncShapes()) {
                    List<Integer> statuses = HostileClients.send(server.uri(), shape);
                    System.err.println("   " + shape.name() + ": " + statuses);
                    addRow(rows, columns.isEmpty(), "desync: " + shape.name() + " (expected " + statuses(shape.expected()) + ")");
                    cells.add(statuses(statuses) + (statuses.equals(shape.expected()) ? "" : " **left bytes behind**"));
                }
            }
            columns.put(jar.getKey(), cells);
        }

        StringBuilder table = new StringBuilder("| scenario (on loopback; probes of /healthz from 127.0.0.2, one a second) |");
        columns.keySet().forEach(label -> table.append(' ').append(label).append(" |"));
        table.append("\n|---|");
        columns.keySet().forEach(label -> table.append("---|"));
        for (int row = 0; row < rows.size(); row++) {
            table.append("\n| ").append(rows.get(row)).append(" |");
            for (List<String> cells : columns.values()) {
                table.append(' ').append(cells.get(row)).append(" |");
            }
        }
        System.out.println(table);
    }

    private static void addRow(List<String> rows, boolean first, String row) {
        if (first) {
            rows.add(row);
        }
    }

    private static String describe(HostileClients.Slow kind, int clients, Duration duration) {
        String what = switch (kind) {
            case HEADERS -> "slow headers (a header byte a second)";
            case BODY -> "slow bodies (a body byte a second)";
            case READER -> "readers that never read (2000 pipelined GET /)";
        };
        return clients + " " + what + ", for up to " + duration.toSeconds() + " s: probes answered; slow connections dropped";
    }

    private static String statuses(List<Integer> statuses) {
        return statuses.isEmpty() ? "no answer" : statuses.toString();
    }
}
