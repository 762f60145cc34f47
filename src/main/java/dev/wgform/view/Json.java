package dev.wgform.view;

import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A small JSON writer for wgform's {@code --json} output (no JSON library on the classpath).
 * Values: Map (String keys, written in the map's order), Iterable, String, Number, Boolean, Optional, null.
 * Output is indented by two spaces, with no trailing newline.
 */
public final class Json {
    private Json() {}

    public static String write(Object value) {
        StringBuilder out = new StringBuilder();
        write(out, value, 0);
        return out.toString();
    }

    /** {@code s} as a JSON string literal, quotes included. */
    public static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2);
        quote(out, s);
        return out.toString();
    }

    private static void write(StringBuilder out, Object value, int depth) {
        if (value instanceof Optional) value = ((Optional<?>) value).orElse(null);
        if (value instanceof OptionalInt) {
            OptionalInt o = (OptionalInt) value;
            value = o.isPresent() ? (Object) o.getAsInt() : null;
        }
        if (value == null) {
            out.append("null");
        } else if (value instanceof String || value instanceof Character || value instanceof Enum) {
            quote(out, value.toString());
        } else if (value instanceof Boolean) {
            out.append(value);
        } else if (value instanceof Number) {
            number(out, (Number) value);
        } else if (value instanceof Map) {
            object(out, (Map<?, ?>) value, depth);
        } else if (value instanceof Iterable) {
            array(out, ((Iterable<?>) value).iterator(), depth);
        } else {
            throw new IllegalArgumentException("no JSON form for " + value.getClass().getName());
        }
    }

    private static void object(StringBuilder out, Map<?, ?> map, int depth) {
        if (map.isEmpty()) {
            out.append("{}");
            return;
        }
        out.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getKey() instanceof String)) throw new IllegalArgumentException("JSON object keys must be strings: " + e.getKey());
            out.append(first ? "\n" : ",\n");
            first = false;
            indent(out, depth + 1);
            quote(out, (String) e.getKey());
            out.append(": ");
            write(out, e.getValue(), depth + 1);
        }
        out.append('\n');
        indent(out, depth);
        out.append('}');
    }

    private static void array(StringBuilder out, Iterator<?> items, int depth) {
        if (!items.hasNext()) {
            out.append("[]");
            return;
        }
        out.append('[');
        boolean first = true;
        while (items.hasNext()) {
            out.append(first ? "\n" : ",\n");
            first = false;
            indent(out, depth + 1);
            write(out, items.next(), depth + 1);
        }
        out.append('\n');
        indent(out, depth);
        out.append(']');
    }

    private static void number(StringBuilder out, Number n) {
        if (n instanceof Double || n instanceof Float) {
            double d = n.doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) throw new IllegalArgumentException("JSON has no " + d);
            if (d == Math.rint(d) && Math.abs(d) < 1e15) {
                out.append((long) d);
                return;
            }
        }
        out.append(n);
    }

    private static void quote(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': out.append("\\\""); break;
                case '\\': out.append("\\\\"); break;
                case '\n': out.append("\\n"); break;
                case '\r': out.append("\\r"); break;
                case '\t': out.append("\\t"); break;
                case '\b': out.append("\\b"); break;
                case '\f': out.append("\\f"); break;
                default:
                    if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029' || loneSurrogate(s, i)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
            }
        }
        out.append('"');
    }

    // A surrogate that is not half of a valid pair cannot be encoded as UTF-8; escaped, it stays valid JSON.
    private static boolean loneSurrogate(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) return i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
        if (Character.isLowSurrogate(c)) return i == 0 || !Character.isHighSurrogate(s.charAt(i - 1));
        return false;
    }

    private static void indent(StringBuilder out, int depth) {
        for (int i = 0; i < depth; i++) out.append("  ");
    }
}
