package dev.wgform.diff;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Applies a unified diff the way patch(1) would, strictly: every context and removed line must match. */
final class Patch {
    private static final Pattern HUNK = Pattern.compile("@@ -(\\d+)(?:,(\\d+))? \\+(\\d+)(?:,(\\d+))? @@");

    private Patch() {}

    static String apply(String old, String diff) {
        if (diff.isEmpty()) return old;
        Lines all = new Lines(old);
        List<String> a = List.of(all.slice(0, all.size));
        String[] d = diff.split("\n", -1);
        StringBuilder out = new StringBuilder();
        int next = 0; // next old line to copy
        int k = 2;
        while (k < d.length && !d[k].isEmpty()) {
            Matcher m = HUNK.matcher(d[k]);
            if (!m.matches()) throw new AssertionError("not a hunk header: " + d[k]);
            int oldStart = Integer.parseInt(m.group(1));
            int oldCount = m.group(2) == null ? 1 : Integer.parseInt(m.group(2));
            int first = oldCount == 0 ? oldStart : oldStart - 1;
            while (next < first) out.append(a.get(next++));
            k++;
            String pending = null; // an added or kept line waiting to learn whether it has a newline
            while (k < d.length && !d[k].isEmpty() && !d[k].startsWith("@@")) {
                String line = d[k];
                if (line.startsWith("\\")) {
                    if (pending != null) {
                        out.setLength(out.length() - 1);
                        pending = null;
                    }
                    k++;
                    continue;
                }
                char kind = line.charAt(0);
                String text = line.substring(1) + "\n";
                pending = null;
                if (kind == ' ' || kind == '-') {
                    boolean lastWithoutNewline = k + 1 < d.length && d[k + 1].startsWith("\\");
                    String expected = lastWithoutNewline ? line.substring(1) : text;
                    if (!a.get(next).equals(expected)) throw new AssertionError("context mismatch at old line " + (next + 1));
                    next++;
                }
                if (kind == ' ' || kind == '+') {
                    out.append(text);
                    pending = text;
                }
                k++;
            }
        }
        while (next < a.size()) out.append(a.get(next++));
        return out.toString();
    }
}
