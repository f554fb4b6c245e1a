package dev.hmac.server.sso;

import java.util.LinkedHashMap;
import java.util.Map;

/** A map that drops its least recently used entry past a size: the bound of every cache here. Not thread-safe. */
final class LruMap<K, V> extends LinkedHashMap<K, V> {
    private static final long serialVersionUID = 1L;
    private final int capacity;

    LruMap(int capacity) {
        super(16, 0.75f, true);
        this.capacity = capacity;
    }

    @Override
    protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        return size() > capacity;
    }
}
