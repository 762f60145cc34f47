package dev.wgform.render;

import dev.wgform.model.InvalidInputException;
import dev.wgform.model.Problem;
import dev.wgform.model.SourceRef;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The last line of defence between values and file formats: every string a built-in template prints passes one
 * of these checks, so no value can break a file (a newline in a wg-quick value, a quote in an nftables name,
 * {@code ../} in a path). Values are validated upstream; failures here are collected as problems, not thrown one
 * by one. Hand-written character loops rather than regular expressions: a 1000-host mesh checks millions of values.
 */
final class ValueChecks {
    /** Host and plane names: they end up in file names and placeholders. */
    static final Predicate<String> NAME = v -> v.length() > 0 && isAlnum(v.charAt(0)) && all(v, 1, v.length(), "._-");
    /** wg-quick's own rule for interface names ([a-zA-Z0-9_=+.-]{1,15}), which suits nftables and firewalld too. */
    static final Predicate<String> INTERFACE = v -> v.length() >= 1 && v.length() <= 15 && all(v, 0, v.length(), "_=+.-");
    /** host:port, [ipv6]:port */
    static final Predicate<String> ENDPOINT = ValueChecks::isEndpoint;
    static final Predicate<String> HOST_OR_ADDRESS = v -> v.length() > 0 && isAlnum(v.charAt(0)) && all(v, 1, v.length(), "._:-");
    static final Predicate<String> DNS = HOST_OR_ADDRESS;
    /** base64 of 32 bytes */
    static final Predicate<String> PUBLIC_KEY = v -> v.length() == 44 && v.charAt(43) == '=' && all(v, 0, 43, "+/");
    /** 15, 9.6 */
    static final Predicate<String> VERSION = v -> v.matches("[0-9]+(\\.[0-9]+)?");

    private final List<Problem> problems = new ArrayList<>();

    /** Returns {@code value}; records a problem at {@code where} when it does not pass. */
    String check(String value, Predicate<String> rule, SourceRef where, String key, String what) {
        if (!rule.test(value)) {
            problems.add(new Problem(where, key, what + " " + quoted(value) + " cannot be written into a config file"));
        }
        return value;
    }

    /** An absolute path without {@code .} or {@code ..} segments, spaces, quotes or control characters. */
    String path(String value, SourceRef where, String key) {
        if (!isCleanAbsolutePath(value)) {
            problems.add(new Problem(where, key, "path " + quoted(value) + " must be absolute, without . or .. parts, spaces or quotes"));
        }
        return value;
    }

    int count() {
        return problems.size();
    }

    void add(Problem problem) {
        problems.add(problem);
    }

    void throwIfAny() throws InvalidInputException {
        if (!problems.isEmpty()) throw new InvalidInputException(problems);
    }

    static boolean isCleanAbsolutePath(String value) {
        int n = value.length();
        if (n < 2 || value.charAt(0) != '/' || value.charAt(n - 1) == '/') return false;
        int segmentStart = 1;
        for (int i = 1; i <= n; i++) {
            if (i < n && value.charAt(i) != '/') {
                char c = value.charAt(i);
                if (!isAlnum(c) && "._@+-".indexOf(c) < 0) return false;
                continue;
            }
            int length = i - segmentStart;
            if (length == 0) return false; // "//"
            if (value.charAt(segmentStart) == '.' && (length == 1 || length == 2 && value.charAt(segmentStart + 1) == '.')) return false;
            segmentStart = i + 1;
        }
        return true;
    }

    private static boolean isEndpoint(String v) {
        int colon = v.lastIndexOf(':');
        if (colon <= 0 || colon == v.length() - 1 || v.length() - colon - 1 > 5 || !digits(v, colon + 1, v.length())) return false;
        if (v.charAt(0) == '[') {
            return colon >= 3 && v.charAt(colon - 1) == ']' && hexOrSeparators(v, 1, colon - 1);
        }
        return isAlnum(v.charAt(0)) && all(v, 1, colon, "._-");
    }

    private static boolean all(String v, int from, int to, String extra) {
        for (int i = from; i < to; i++) {
            char c = v.charAt(i);
            if (!isAlnum(c) && extra.indexOf(c) < 0) return false;
        }
        return true;
    }

    private static boolean digits(String v, int from, int to) {
        for (int i = from; i < to; i++) if (v.charAt(i) < '0' || v.charAt(i) > '9') return false;
        return true;
    }

    private static boolean hexOrSeparators(String v, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = v.charAt(i);
            boolean hex = c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
            if (!hex && c != ':' && c != '.') return false;
        }
        return true;
    }

    private static boolean isAlnum(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
    }

    /** Shows a bad value safely: control characters escaped, long values cut. */
    static String quoted(String value) {
        StringBuilder b = new StringBuilder("'");
        for (int i = 0; i < value.length() && i < 80; i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f) b.append(String.format("\\x%02x", (int) c));
            else b.append(c);
        }
        if (value.length() > 80) b.append("...");
        return b.append("'").toString();
    }
}
