package dev.hmac.bot;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Slack requests accepted recently, by timestamp and signature, each kept until its timestamp is no longer
 * current: a second arrival of the same bytes is a replay. Bounded: past {@code capacity}, the oldest go first.
 */
final class AcceptedRequests {
    private final int capacity;
    /** Key to the epoch second after which the request would be refused as stale anyway; in arrival order. */
    private final LinkedHashMap<String, Long> seen = new LinkedHashMap<>();

    AcceptedRequests(int capacity) {
        this.capacity = capacity;
    }

    /**
     * Remembers the request until {@code currentUntil}; false when it was already remembered.
     *
     * @param now epoch seconds
     */
    synchronized boolean firstTime(String key, long currentUntil, long now) {
        forgetStale(now);
        Long known = seen.get(key);
        if (known != null && known >= now) {
            return false;
        }
        seen.put(key, currentUntil);
        if (seen.size() > capacity) {
            Iterator<Map.Entry<String, Long>> oldest = seen.entrySet().iterator();
            oldest.next();
            oldest.remove();
        }
        return true;
    }

    synchronized void forget(String key) {
        seen.remove(key);
    }

    /** From the oldest arrival on, while stale; a later arrival may be staler, and goes when it is reached. */
    private void forgetStale(long now) {
        Iterator<Map.Entry<String, Long>> entries = seen.entrySet().iterator();
        while (entries.hasNext() && entries.next().getValue() < now) {
            entries.remove();
        }
    }

    synchronized int size() {
        return seen.size();
    }
}
