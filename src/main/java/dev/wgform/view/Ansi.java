package dev.wgform.view;

/** The few ANSI colours wgform's text views use, and the one way they apply them: only when colour is on. */
final class Ansi {
    static final String RESET = "\u001b[0m";
    static final String BOLD = "\u001b[1m";
    static final String RED = "\u001b[31m";
    static final String GREEN = "\u001b[32m";
    static final String YELLOW = "\u001b[33m";
    static final String CYAN = "\u001b[36m";

    private Ansi() {}

    /** {@code text} in {@code code} (none when null), or as it is when colour is off. */
    static String paint(String text, String code, boolean color) {
        return color && code != null ? code + text + RESET : text;
    }
}
