package dev.wgform.diff;

/** A text split into lines by offsets, each line with its newline, without copying the text. */
final class Lines {
    final String text;
    /** starts[i] is where line i begins; starts[size] is the text's length. */
    private final int[] starts;
    final int size;

    Lines(String text) {
        this.text = text;
        int count = 0;
        for (int at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) count++;
        if (!text.isEmpty() && text.charAt(text.length() - 1) != '\n') count++;
        starts = new int[count + 1];
        int line = 0;
        for (int at = 0; line < count; line++) {
            starts[line] = at;
            int nl = text.indexOf('\n', at);
            at = nl < 0 ? text.length() : nl + 1;
        }
        starts[count] = text.length();
        size = count;
    }

    int start(int line) {
        return starts[line];
    }

    int end(int line) {
        return starts[line + 1];
    }

    /** Line {@code i} with its newline, if it has one. */
    String get(int i) {
        return text.substring(starts[i], starts[i + 1]);
    }

    boolean sameLine(int i, int j) {
        return sameLine(this, i, this, j);
    }

    static boolean sameLine(Lines a, int i, Lines b, int j) {
        int length = a.end(i) - a.start(i);
        return length == b.end(j) - b.start(j) && a.text.regionMatches(a.start(i), b.text, b.start(j), length);
    }

    /** Lines [from, to) as strings, for the comparison proper. */
    String[] slice(int from, int to) {
        String[] out = new String[to - from];
        for (int i = from; i < to; i++) out[i - from] = get(i);
        return out;
    }
}
