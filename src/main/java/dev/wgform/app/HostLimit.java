package dev.wgform.app;

import dev.wgform.model.Host;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code --limit}: host or group names, comma-separated, with {@code *} and {@code ?} wildcards, as Ansible's
 * simplest patterns. Hosts outside the limit are still read (their public keys are needed) but never changed.
 */
final class HostLimit {
    private final List<Pattern> patterns;

    private HostLimit(List<Pattern> patterns) {
        this.patterns = patterns;
    }

    static HostLimit of(Optional<String> limit) {
        List<Pattern> out = new ArrayList<>();
        limit.ifPresent(l -> {
            for (String part : l.split(",")) {
                String p = part.strip();
                if (!p.isEmpty()) out.add(glob(p));
            }
        });
        return new HostLimit(out);
    }

    boolean includes(Host host) {
        if (patterns.isEmpty()) return true;
        for (Pattern p : patterns) {
            if (p.matcher(host.name()).matches()) return true;
            for (String g : host.groups()) if (p.matcher(g).matches()) return true;
        }
        return false;
    }

    private static Pattern glob(String text) {
        StringBuilder re = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (c == '*') re.append(".*");
            else if (c == '?') re.append('.');
            else re.append(Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(re.toString());
    }
}
