package dev.wgform.diff;

import java.util.ArrayList;
import java.util.List;

/**
 * Unified diffs in the format of {@code diff -u} (without timestamps): {@code ---}/{@code +++} headers, then hunks
 * {@code @@ -l,s +l,s @@} of context, removed and added lines; a range of one line is written without its length,
 * an empty range names the line before it; a last line without a newline is followed by
 * {@code \ No newline at end of file}. The edit script is minimal (Myers); runs of added or removed lines are slid up
 * where the text allows, so a new [Peer] block reads as one block beginning with its blank line.
 */
public final class UnifiedDiff {
    private static final String NO_NEWLINE = "\\ No newline at end of file";

    private UnifiedDiff() {}

    /**
     * @param context lines of unchanged text around each change (3 is what {@code diff -u} uses)
     * @return the unified diff, ending with a newline; the empty string when the texts are equal
     */
    public static String diff(String oldName, String newName, String oldText, String newText, int context) {
        if (context < 0) throw new IllegalArgumentException("context must not be negative");
        if (oldText.equals(newText)) return "";
        String[] a = lines(oldText);
        String[] b = lines(newText);
        EditScript script = MyersDiff.diff(a, b);
        slideUp(a, script.deleted);
        slideUp(b, script.inserted);

        StringBuilder out = new StringBuilder(256);
        out.append("--- ").append(oldName).append('\n');
        out.append("+++ ").append(newName).append('\n');
        List<Op> ops = ops(script);
        int firstChange = 0;
        while (firstChange < ops.size()) {
            while (firstChange < ops.size() && ops.get(firstChange).kind == ' ') firstChange++;
            if (firstChange == ops.size()) break;
            // extend the hunk while the next change is within 2 * context unchanged lines
            int lastChange = firstChange;
            int i = firstChange + 1;
            while (i < ops.size()) {
                if (ops.get(i).kind != ' ') {
                    lastChange = i;
                } else if (i - lastChange > 2 * context) {
                    break;
                }
                i++;
            }
            int start = Math.max(0, firstChange - context);
            int end = Math.min(ops.size(), lastChange + 1 + context);
            hunk(out, ops.subList(start, end), a, b);
            firstChange = end;
        }
        return out.toString();
    }

    /** One line of the script: ' ' kept, '-' removed, '+' added; old/new are the line's indexes on each side. */
    private record Op(char kind, int oldLine, int newLine) {}

    /** Removed lines before added ones within a change, as diff -u prints them. */
    private static List<Op> ops(EditScript s) {
        List<Op> ops = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < s.deleted.length || j < s.inserted.length) {
            if (i < s.deleted.length && s.deleted[i]) {
                ops.add(new Op('-', i++, j));
            } else if (j < s.inserted.length && s.inserted[j]) {
                ops.add(new Op('+', i, j++));
            } else {
                ops.add(new Op(' ', i++, j++));
            }
        }
        return ops;
    }

    private static void hunk(StringBuilder out, List<Op> ops, String[] a, String[] b) {
        int oldCount = 0;
        int newCount = 0;
        for (Op op : ops) {
            if (op.kind != '+') oldCount++;
            if (op.kind != '-') newCount++;
        }
        out.append("@@ -").append(range(ops.get(0).oldLine, oldCount))
                .append(" +").append(range(ops.get(0).newLine, newCount)).append(" @@\n");
        for (Op op : ops) {
            String line = op.kind == '+' ? b[op.newLine] : a[op.oldLine];
            out.append(op.kind);
            if (line.endsWith("\n")) {
                out.append(line);
            } else {
                out.append(line).append('\n').append(NO_NEWLINE).append('\n');
            }
        }
    }

    /** "start,count", "start" for one line; an empty range is named by the line before it. */
    private static String range(int firstIndex, int count) {
        if (count == 1) return Integer.toString(firstIndex + 1);
        return (count == 0 ? firstIndex : firstIndex + 1) + "," + count;
    }

    /**
     * Lines with their newline kept, so a last line without one differs from the same text with one, as in diff.
     */
    static String[] lines(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int nl = text.indexOf('\n', start);
            int end = nl < 0 ? text.length() : nl + 1;
            lines.add(text.substring(start, end));
            start = end;
        }
        return lines.toArray(new String[0]);
    }

    /**
     * Moves each run of flagged lines up while the line above the run equals the run's last line: the same text,
     * an equally minimal script, but a block that starts where a reader expects it to (at a blank line before
     * [Peer] rather than in the middle of the previous peer).
     */
    private static void slideUp(String[] lines, boolean[] flagged) {
        int i = 0;
        while (i < lines.length) {
            if (!flagged[i]) {
                i++;
                continue;
            }
            int start = i;
            int end = i;
            while (end < lines.length && flagged[end]) end++;
            while (start > 0 && !flagged[start - 1] && lines[start - 1].equals(lines[end - 1])) {
                start--;
                end--;
                flagged[start] = true;
                flagged[end] = false;
                while (start > 0 && flagged[start - 1]) start--; // joined the run above
            }
            i = Math.max(end, i + 1);
        }
    }
}
