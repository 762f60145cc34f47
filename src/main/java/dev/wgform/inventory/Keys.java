package dev.wgform.inventory;

import java.util.List;

/** Checks a map's keys against the ones a section allows, suggesting the closest for a typo. */
final class Keys {
    private Keys() {}

    /** Records a problem for every key of {@code map} not in {@code allowed}; {@code path} names the map. */
    static void check(YamlMap map, String path, List<String> allowed, Problems problems) {
        for (YamlEntry e : map.entries()) {
            if (allowed.contains(e.key())) continue;
            String suggestion = Suggestions.didYouMean(e.key(), allowed);
            String message = "unknown key '" + e.key() + "'" + (path.isEmpty() ? "" : " in " + path)
                    + (suggestion.isEmpty() ? "; expected one of: " + String.join(", ", allowed) : suggestion);
            problems.add(e.keyWhere(), join(path, e.key()), message);
        }
    }

    static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
}
