package dev.wgform.diff;

/**
 * Unified diffs in the format of {@code diff -u} (without timestamps): {@code ---}/{@code +++} headers, then hunks
 * {@code @@ -l,s +l,s @@} of context, removed and added lines; a range of one line is written without its length,
 * an empty range names the line before it; a last line without a newline is followed by
 * {@code \ No newline at end of file}. The edit script is minimal (Myers); runs of added or removed lines are slid up
 * where the text allows, so a new [Peer] block reads as one block beginning with its blank line.
 *
 * <p>Fast for large, mostly equal files (a 1000-peer config is ~200 KB): the common prefix and suffix are found by
 * comparing characters and are never split into strings; only the lines between them go through Myers.
 */
public final class UnifiedDiff {
    private static final String NO_NEWLINE = "\\ No newline at end of file";
    /** Equal text is skipped this many characters at a time (regionMatches compares blocks fast). */
    private static final int CHUNK = 256;

    private UnifiedDiff() {}

    /**
     * @param context lines of unchanged text around each change (3 is what {@code diff -u} uses)
     * @return the unified diff, ending with a newline; the empty string when the texts are equal
     */
    public static String diff(String oldName, String newName, String oldText, String newText, int context) {
        if (context < 0) throw new IllegalArgumentException("context must not be negative");
        if (oldText.equals(newText)) return "";
        Lines a = new Lines(oldText);
        Lines b = new Lines(newText);
        boolean[] deleted = new boolean[a.size];
        boolean[] inserted = new boolean[b.size];
        compare(a, b, deleted, inserted);
        slideUp(a, deleted);
        slideUp(b, inserted);

        StringBuilder out = new StringBuilder(256);
        out.append("--- ").append(oldName).append('\n');
        out.append("+++ ").append(newName).append('\n');
        new Hunks(a, b, deleted, inserted, context, out).write();
        return out.toString();
    }

    private static void compare(Lines a, Lines b, boolean[] deleted, boolean[] inserted) {
        int prefix = commonPrefixLines(a, b);
        int suffix = commonSuffixLines(a, b, prefix);
        int aEnd = a.size - suffix;
        int bEnd = b.size - suffix;
        if (prefix == aEnd || prefix == bEnd) {
            for (int i = prefix; i < aEnd; i++) deleted[i] = true;
            for (int j = prefix; j < bEnd; j++) inserted[j] = true;
            return;
        }
        EditScript middle = MyersDiff.diff(a.slice(prefix, aEnd), b.slice(prefix, bEnd));
        System.arraycopy(middle.deleted, 0, deleted, prefix, middle.deleted.length);
        System.arraycopy(middle.inserted, 0, inserted, prefix, middle.inserted.length);
    }

    private static int commonPrefixLines(Lines a, Lines b) {
        int limit = Math.min(a.text.length(), b.text.length());
        int chars = 0;
        while (chars + CHUNK <= limit && a.text.regionMatches(chars, b.text, chars, CHUNK)) chars += CHUNK;
        while (chars < limit && a.text.charAt(chars) == b.text.charAt(chars)) chars++;
        int lines = 0;
        // equal characters up to `chars`, so a line is common when it ends at the same place on both sides within them
        while (lines < a.size && lines < b.size && a.end(lines) == b.end(lines) && a.end(lines) <= chars) lines++;
        return lines;
    }

    private static int commonSuffixLines(Lines a, Lines b, int prefix) {
        int aLen = a.text.length();
        int bLen = b.text.length();
        int limit = Math.min(aLen, bLen);
        int chars = 0;
        while (chars + CHUNK <= limit && a.text.regionMatches(aLen - chars - CHUNK, b.text, bLen - chars - CHUNK, CHUNK)) chars += CHUNK;
        while (chars < limit && a.text.charAt(aLen - 1 - chars) == b.text.charAt(bLen - 1 - chars)) chars++;
        int lines = 0;
        while (a.size - 1 - lines >= prefix && b.size - 1 - lines >= prefix) {
            int fromEndA = aLen - a.start(a.size - 1 - lines);
            int fromEndB = bLen - b.start(b.size - 1 - lines);
            if (fromEndA != fromEndB || fromEndA > chars) break;
            lines++;
        }
        return lines;
    }

    /**
     * Moves each run of flagged lines up while the line above the run equals the run's last line: the same text,
     * an equally minimal script, but a block that starts where a reader expects it to (at a blank line before
     * [Peer] rather than in the middle of the previous peer).
     */
    private static void slideUp(Lines lines, boolean[] flagged) {
        int i = 0;
        while (i < lines.size) {
            if (!flagged[i]) {
                i++;
                continue;
            }
            int start = i;
            int end = i;
            while (end < lines.size && flagged[end]) end++;
            while (start > 0 && !flagged[start - 1] && lines.sameLine(start - 1, end - 1)) {
                start--;
                end--;
                flagged[start] = true;
                flagged[end] = false;
                while (start > 0 && flagged[start - 1]) start--; // joined the run above
            }
            i = Math.max(end, i + 1);
        }
    }

    /** Writes hunks from the edit flags: changes closer than 2 * context unchanged lines share a hunk. */
    private static final class Hunks {
        private final Lines a;
        private final Lines b;
        private final boolean[] deleted;
        private final boolean[] inserted;
        private final int context;
        private final StringBuilder out;

        Hunks(Lines a, Lines b, boolean[] deleted, boolean[] inserted, int context, StringBuilder out) {
            this.a = a;
            this.b = b;
            this.deleted = deleted;
            this.inserted = inserted;
            this.context = context;
            this.out = out;
        }

        void write() {
            int i = 0;
            int j = 0;
            while (true) {
                // skip unchanged pairs to the next change
                while (i < a.size && j < b.size && !deleted[i] && !inserted[j]) {
                    i++;
                    j++;
                }
                if (!changeAt(i, j)) return;
                int lead = Math.min(context, Math.min(i, j));
                int hunkA = i - lead;
                int hunkB = j - lead;
                StringBuilder body = new StringBuilder();
                for (int k = 0; k < lead; k++) line(body, ' ', a, hunkA + k);
                // changes and the unchanged runs between them, while a run is short enough to join two changes
                while (true) {
                    int i0 = i;
                    int j0 = j;
                    while (changeAt(i, j)) {
                        while (i < a.size && deleted[i]) i++;
                        while (j < b.size && inserted[j]) j++;
                    }
                    for (int k = i0; k < i; k++) if (deleted[k]) line(body, '-', a, k);
                    for (int k = j0; k < j; k++) if (inserted[k]) line(body, '+', b, k);
                    int same = 0;
                    while (i + same < a.size && j + same < b.size && !deleted[i + same] && !inserted[j + same]) same++;
                    boolean joins = changeAt(i + same, j + same) && same <= 2 * context;
                    int keep = joins ? same : Math.min(same, context);
                    for (int k = 0; k < keep; k++) line(body, ' ', a, i + k);
                    i += keep;
                    j += keep;
                    if (!joins) break;
                }
                out.append("@@ -").append(range(hunkA, i - hunkA)).append(" +").append(range(hunkB, j - hunkB)).append(" @@\n");
                out.append(body);
            }
        }

        /** A removed or added line starts at (i, j). */
        private boolean changeAt(int i, int j) {
            return (i < a.size && deleted[i]) || (j < b.size && inserted[j]);
        }

        private static void line(StringBuilder body, char kind, Lines lines, int index) {
            body.append(kind).append(lines.text, lines.start(index), lines.end(index));
            if (lines.text.charAt(lines.end(index) - 1) != '\n') body.append('\n').append(NO_NEWLINE).append('\n');
        }

        /** "start,count", "start" for one line; an empty range is named by the line before it. */
        private static String range(int firstIndex, int count) {
            if (count == 1) return Integer.toString(firstIndex + 1);
            return (count == 0 ? firstIndex : firstIndex + 1) + "," + count;
        }
    }
}
