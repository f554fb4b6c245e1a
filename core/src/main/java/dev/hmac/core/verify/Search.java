package dev.hmac.core.verify;

import dev.hmac.core.Algorithm;
import dev.hmac.core.VerificationRequest;
import dev.hmac.core.verify.GivenSignature.Reading;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * One search for what makes the given signature: steps from the cheapest to the widest, each a set of variants
 * tried at a series of timestamps, nearest first. Stops at the first hit, or when the CPU budget is spent.
 * Single-threaded and single-use.
 */
final class Search {
    static final long DAY = 86_400;
    /** Without a timestamp, the cheap causes are tried at the timestamps this close to now. */
    static final long NEAR_NOW = 300;
    private static final long SECONDS_LIMIT = 10_000_000_000L;
    /** MACs between two readings of the CPU clock (a reading costs about a microsecond). */
    private static final int CHECK_EVERY = 256;

    /** The steps of a search, in the order they run. */
    enum Step {
        /** The rule and the cheap causes at the timestamp given. */
        GIVEN(false),
        /** The rule at the milliseconds given, as they were typed. */
        GIVEN_MILLISECONDS(false),
        /** The rule at each millisecond of the second given. */
        MILLISECONDS_OF_GIVEN(true),
        /** The rule at each second within a day of the one given, nearest first. */
        AROUND_GIVEN(true),
        /** The rule at each second within a few minutes of now. */
        NEAR_NOW(false),
        /** The cheap causes at each second within a few minutes of now. */
        CHANGED_NEAR_NOW(true),
        /** The rule at each second within a day of now, beyond the few minutes. */
        AROUND_NOW(true);

        final boolean budgeted;

        Step(boolean budgeted) {
            this.budgeted = budgeted;
        }
    }

    /** What made the signature. */
    record Hit(Reading reading, Algorithm algorithm, Variant variant, long timestamp, boolean milliseconds) {
    }

    /**
     * @param hit null when nothing was found
     * @param stoppedAt the step the budget stopped, null when the search ran to its end or a hit
     * @param stoppedAtDistance how far from its centre that step had come
     */
    record Outcome(Hit hit, Step stoppedAt, long stoppedAtDistance, List<Step> steps) {
        boolean complete() {
            return stoppedAt == null;
        }
    }

    /** Variants prepared for one algorithm set: the prefix of each hashed once per algorithm. */
    private static final class Prepared {
        final Variant variant;
        final PrefixedHmac[] hmacs;
        final byte[] suffix;

        Prepared(Variant variant, Algorithm[] algorithms) {
            this.variant = variant;
            this.hmacs = new PrefixedHmac[algorithms.length];
            byte[] prefix = Variant.utf8(variant.prefix());
            for (int i = 0; i < algorithms.length; i++) {
                hmacs[i] = new PrefixedHmac(algorithms[i], variant.key(), prefix);
            }
            this.suffix = Variant.utf8(variant.suffix());
        }
    }

    private final VerificationRequest request;
    private final long now;
    private final long budgetNanos;
    private final LongSupplier cpuNanos;
    private final Algorithm[] algorithms;
    /** Per algorithm, the MACs the signature reads as, and the readings themselves. */
    private final byte[][][] macs;
    private final Reading[][] readings;
    private final byte[][] outs;
    private final byte[] digits = new byte[13];

    private long computed;
    private long nextCheck = CHECK_EVERY;
    private long cpuStart = -1;
    private Step stoppedAt;
    private long stoppedAtDistance;

    Search(VerificationRequest request, List<Reading> given, long now, long budgetNanos, LongSupplier cpuNanos) {
        this.request = request;
        this.now = now;
        this.budgetNanos = budgetNanos;
        this.cpuNanos = cpuNanos;
        List<Algorithm> algs = new ArrayList<>();
        for (Reading reading : given) {
            if (!algs.contains(reading.algorithm())) {
                algs.add(reading.algorithm());
            }
        }
        // The expected algorithm first: the others are a cause of their own.
        if (algs.remove(request.signing().algorithm())) {
            algs.add(0, request.signing().algorithm());
        }
        this.algorithms = algs.toArray(new Algorithm[0]);
        this.macs = new byte[algorithms.length][][];
        this.readings = new Reading[algorithms.length][];
        this.outs = new byte[algorithms.length][];
        // Loops rather than streams here and below: a lambda's first use costs a cold JVM milliseconds.
        for (int a = 0; a < algorithms.length; a++) {
            List<Reading> of = new ArrayList<>();
            for (Reading reading : given) {
                if (reading.algorithm() == algorithms[a]) {
                    of.add(reading);
                }
            }
            readings[a] = of.toArray(new Reading[0]);
            macs[a] = new byte[of.size()][];
            for (int r = 0; r < of.size(); r++) {
                macs[a][r] = of.get(r).mac();
            }
            outs[a] = new byte[algorithms[a].macLength()];
        }
    }

    /** The steps for this request, in order. */
    static List<Step> steps(VerificationRequest request) {
        if (request.signing().timestamp().isEmpty()) {
            return List.of(Step.NEAR_NOW, Step.CHANGED_NEAR_NOW, Step.AROUND_NOW);
        }
        if (request.isMilliseconds()) {
            return List.of(Step.GIVEN_MILLISECONDS, Step.GIVEN, Step.AROUND_GIVEN);
        }
        return List.of(Step.GIVEN, Step.MILLISECONDS_OF_GIVEN, Step.AROUND_GIVEN);
    }

    /** The second the search centres on: the one given (milliseconds in seconds), or now. */
    static long centre(VerificationRequest request, long now) {
        return request.signing().timestamp().orElse(now);
    }

    Outcome run() {
        List<Step> steps = steps(request);
        long centre = centre(request, now);
        Prepared[] rule = prepare(List.of(Variant.rule(request.signing().clientSecret(), request.signing().callback(),
                request.signing().clientId())));
        for (Step step : steps) {
            if (step.budgeted && cpuStart < 0) {
                // Read the CPU clock only once a costly step begins: most checks end before.
                cpuStart = cpuNanos.getAsLong();
            }
            Hit hit;
            switch (step) {
                case GIVEN -> {
                    hit = at(centre, false, rule);
                    hit = hit != null ? hit : at(centre, false, prepare(Variants.of(request)));
                }
                case GIVEN_MILLISECONDS -> hit = at(request.millisecondsGiven().getAsLong(), true, rule);
                case MILLISECONDS_OF_GIVEN -> hit = millisecondsOf(centre, rule);
                case AROUND_GIVEN, AROUND_NOW -> hit = around(step, centre, step == Step.AROUND_NOW ? NEAR_NOW + 1 : 1,
                        DAY, rule);
                case NEAR_NOW -> hit = around(step, centre, 0, NEAR_NOW, rule);
                case CHANGED_NEAR_NOW -> hit = around(step, centre, 0, NEAR_NOW, prepare(Variants.of(request)));
                default -> throw new IllegalStateException(step.name());
            }
            if (hit != null || stoppedAt != null) {
                return new Outcome(hit, stoppedAt, stoppedAtDistance, steps);
            }
        }
        return new Outcome(null, null, 0, steps);
    }

    private Prepared[] prepare(List<Variant> variants) {
        Prepared[] prepared = new Prepared[variants.size()];
        for (int i = 0; i < prepared.length; i++) {
            prepared[i] = new Prepared(variants.get(i), algorithms);
        }
        return prepared;
    }

    /** Each second from {@code from} to {@code to} away from the centre, the earlier of each pair first. */
    private Hit around(Step step, long centre, long from, long to, Prepared[] variants) {
        for (long d = from; d <= to; d++) {
            if (step.budgeted && computed >= nextCheck && overBudget()) {
                stoppedAt = step;
                stoppedAtDistance = d;
                return null;
            }
            long earlier = centre - d;
            if (earlier > 0 && earlier < SECONDS_LIMIT) {
                Hit hit = at(earlier, false, variants);
                if (hit != null) {
                    return hit;
                }
            }
            long later = centre + d;
            if (d != 0 && later > 0 && later < SECONDS_LIMIT) {
                Hit hit = at(later, false, variants);
                if (hit != null) {
                    return hit;
                }
            }
        }
        return null;
    }

    private Hit millisecondsOf(long second, Prepared[] variants) {
        for (int k = 0; k < 1000; k++) {
            if (computed >= nextCheck && overBudget()) {
                stoppedAt = Step.MILLISECONDS_OF_GIVEN;
                stoppedAtDistance = k;
                return null;
            }
            Hit hit = at(second * 1000 + k, true, variants);
            if (hit != null) {
                return hit;
            }
        }
        return null;
    }

    /** Every variant with every algorithm at one timestamp, compared with every reading of the signature. */
    private Hit at(long timestamp, boolean milliseconds, Prepared[] variants) {
        int length = writeDigits(timestamp);
        for (Prepared prepared : variants) {
            for (int a = 0; a < algorithms.length; a++) {
                byte[] out = outs[a];
                prepared.hmacs[a].mac(digits, length, prepared.suffix, out);
                computed++;
                byte[][] candidates = macs[a];
                for (int r = 0; r < candidates.length; r++) {
                    // A plain comparison: both sides are the asker's own, so timing tells nothing new.
                    if (sameBytes(out, candidates[r])) {
                        return new Hit(readings[a][r], algorithms[a], prepared.variant, timestamp, milliseconds);
                    }
                }
            }
        }
        return null;
    }

    private static boolean sameBytes(byte[] a, byte[] b) {
        if (a[0] != b[0]) {
            return false;
        }
        for (int i = 1; i < a.length; i++) {
            if (a[i] != b[i]) {
                return false;
            }
        }
        return true;
    }

    private boolean overBudget() {
        nextCheck = computed + CHECK_EVERY;
        return cpuNanos.getAsLong() - cpuStart > budgetNanos;
    }

    /** Writes the decimal digits of a positive number to {@link #digits}, without allocating. */
    private int writeDigits(long value) {
        int length = 1;
        for (long v = value / 10; v > 0; v /= 10) {
            length++;
        }
        long v = value;
        for (int i = length - 1; i >= 0; i--) {
            digits[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        return length;
    }

    /** How many MACs the search computed. */
    long computed() {
        return computed;
    }
}
