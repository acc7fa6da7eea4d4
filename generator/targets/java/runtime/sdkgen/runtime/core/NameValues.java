package sdkgen.runtime.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The ordered multimap behind {@link Headers} (names compared without case) and {@link QueryParams}
 * (names compared exactly). Keeps the first spelling of each name.
 */
final class NameValues {
    private final boolean ignoreCase;
    // key (lower-cased when ignoreCase) -> the name as first given, then its values
    private final LinkedHashMap<String, Map.Entry<String, List<String>>> entries = new LinkedHashMap<>();

    NameValues(boolean ignoreCase) {
        this.ignoreCase = ignoreCase;
    }

    NameValues copy() {
        NameValues copy = new NameValues(ignoreCase);
        copy.putAll(this);
        return copy;
    }

    private String key(String name) {
        return ignoreCase ? name.toLowerCase(Locale.ROOT) : name;
    }

    void put(String name, String value) {
        if (name == null || value == null) {
            throw new NullPointerException("names and values must not be null");
        }
        entries.computeIfAbsent(key(name), k -> Map.entry(name, new ArrayList<>())).getValue().add(value);
    }

    void replace(String name, String value) {
        remove(name);
        put(name, value);
    }

    void putAll(NameValues other) {
        for (Map.Entry<String, List<String>> entry : other.entries.values()) {
            for (String value : entry.getValue()) {
                put(entry.getKey(), value);
            }
        }
    }

    void replaceAll(NameValues other) {
        for (Map.Entry<String, List<String>> entry : other.entries.values()) {
            remove(entry.getKey());
        }
        putAll(other);
    }

    void remove(String name) {
        entries.remove(key(name));
    }

    void clear() {
        entries.clear();
    }

    List<String> values(String name) {
        Map.Entry<String, List<String>> entry = entries.get(key(name));
        return entry == null ? List.of() : Collections.unmodifiableList(entry.getValue());
    }

    Set<String> names() {
        Set<String> names = new java.util.LinkedHashSet<>();
        for (Map.Entry<String, List<String>> entry : entries.values()) {
            names.add(entry.getKey());
        }
        return Collections.unmodifiableSet(names);
    }

    int size() {
        int size = 0;
        for (Map.Entry<String, List<String>> entry : entries.values()) {
            size += entry.getValue().size();
        }
        return size;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof NameValues)) {
            return false;
        }
        NameValues that = (NameValues) other;
        if (!entries.keySet().equals(that.entries.keySet())) {
            return false;
        }
        for (String key : entries.keySet()) {
            if (!entries.get(key).getValue().equals(that.entries.get(key).getValue())) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int hash = 0;
        for (Map.Entry<String, Map.Entry<String, List<String>>> entry : entries.entrySet()) {
            hash += entry.getKey().hashCode() ^ entry.getValue().getValue().hashCode();
        }
        return hash;
    }
}
