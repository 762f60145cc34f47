package dev.wgform.view;

/** A unified diff as the text views show it: indented, without its ---/+++ header, hunks and lines coloured. */
final class DiffLines {
    private DiffLines() {}

    static void append(StringBuilder out, String diff, String indent, boolean color) {
        if (diff.isEmpty()) return;
        String[] lines = diff.split("\n", -1);
        int start = lines.length > 1 && lines[0].startsWith("--- ") && lines[1].startsWith("+++ ") ? 2 : 0;
        for (int i = start; i < lines.length; i++) {
            String line = lines[i];
            if (i == lines.length - 1 && line.isEmpty()) break;
            String code = line.startsWith("@@") ? Ansi.CYAN : line.startsWith("+") ? Ansi.GREEN : line.startsWith("-") ? Ansi.RED : null;
            out.append(indent).append(Ansi.paint(line, code, color)).append('\n');
        }
    }
}
