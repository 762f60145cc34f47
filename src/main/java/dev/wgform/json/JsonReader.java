package dev.wgform.json;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A strict RFC 8259 JSON reader, the counterpart of {@link dev.wgform.view.Json#write(Object)} (no JSON library
 * on the classpath). One document, nothing but whitespace around it.
 *
 * <p>Values come back as:
 * <ul>
 *   <li>object: {@code Map<String, Object>} (a {@link LinkedHashMap}, in document order; a duplicate key is an error)</li>
 *   <li>array: {@code List<Object>} (an {@link ArrayList})</li>
 *   <li>string: {@code String} (lone surrogates from {@code \\u} escapes are kept, as the grammar allows)</li>
 *   <li>number: {@code Long} when it is an integer without fraction or exponent that fits; else {@code BigDecimal}</li>
 *   <li>true/false: {@code Boolean}</li>
 *   <li>null: {@link #NULL}, which is {@code Optional.empty()}: maps and lists never hold a Java null, and the
 *       writer writes it back as {@code null}</li>
 * </ul>
 * Errors are {@link JsonSyntaxException}s whose message starts with {@code line:col}.
 */
public final class JsonReader {
    /** What JSON {@code null} reads as. */
    public static final Object NULL = Optional.empty();

    /** Nesting deeper than this is refused (no stack overflow on hostile input). */
    public static final int MAX_DEPTH = 256;

    private final String text;
    private int pos;

    private JsonReader(String text) {
        this.text = text;
    }

    public static Object parse(String text) {
        JsonReader reader = new JsonReader(text);
        reader.skipWhitespace();
        Object value = reader.value(0);
        reader.skipWhitespace();
        if (reader.pos < text.length()) throw reader.error("unexpected " + reader.describeHere() + " after the JSON value");
        return value;
    }

    /** {@link #parse} for a document that must be an object. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> parseObject(String text) {
        Object value = parse(text);
        if (!(value instanceof Map)) throw new JsonSyntaxException(1, 1, "expected a JSON object, found " + typeName(value));
        return (Map<String, Object>) value;
    }

    /** "object", "array", "string", "number", "boolean" or "null", for error messages. */
    public static String typeName(Object value) {
        if (value instanceof Map) return "object";
        if (value instanceof List) return "array";
        if (value instanceof String) return "string";
        if (value instanceof Number) return "number";
        if (value instanceof Boolean) return "boolean";
        if (NULL.equals(value)) return "null";
        return value == null ? "nothing" : value.getClass().getSimpleName();
    }

    private Object value(int depth) {
        if (pos >= text.length()) throw error("unexpected end of input, expected a value");
        char c = text.charAt(pos);
        switch (c) {
            case '{': return object(depth + 1);
            case '[': return array(depth + 1);
            case '"': return string();
            case 't': return literal("true", Boolean.TRUE);
            case 'f': return literal("false", Boolean.FALSE);
            case 'n': return literal("null", NULL);
            default:
                if (c == '-' || (c >= '0' && c <= '9')) return number();
                throw error("unexpected " + describeHere() + ", expected a value");
        }
    }

    private Map<String, Object> object(int depth) {
        checkDepth(depth);
        pos++; // '{'
        Map<String, Object> map = new LinkedHashMap<>();
        skipWhitespace();
        if (peek() == '}') {
            pos++;
            return map;
        }
        while (true) {
            skipWhitespace();
            if (peek() != '"') throw error("expected a string key, found " + describeHere());
            int keyStart = pos;
            String key = string();
            skipWhitespace();
            expect(':');
            skipWhitespace();
            Object value = value(depth);
            if (map.putIfAbsent(key, value) != null) throw errorAt(keyStart, "duplicate key \"" + key + "\"");
            skipWhitespace();
            char c = peek();
            pos++;
            if (c == '}') return map;
            if (c != ',') {
                pos--;
                throw error("expected ',' or '}', found " + describeHere());
            }
        }
    }

    private List<Object> array(int depth) {
        checkDepth(depth);
        pos++; // '['
        List<Object> list = new ArrayList<>();
        skipWhitespace();
        if (peek() == ']') {
            pos++;
            return list;
        }
        while (true) {
            skipWhitespace();
            list.add(value(depth));
            skipWhitespace();
            char c = peek();
            pos++;
            if (c == ']') return list;
            if (c != ',') {
                pos--;
                throw error("expected ',' or ']', found " + describeHere());
            }
        }
    }

    private String string() {
        int start = pos;
        pos++; // opening quote
        StringBuilder out = null;
        int runStart = pos;
        while (true) {
            if (pos >= text.length()) throw errorAt(start, "unterminated string");
            char c = text.charAt(pos);
            if (c == '"') {
                String s = out == null ? text.substring(runStart, pos) : out.append(text, runStart, pos).toString();
                pos++;
                return s;
            }
            if (c < 0x20) throw error("control character U+" + String.format("%04X", (int) c) + " in a string (escape it)");
            if (c == '\\') {
                if (out == null) out = new StringBuilder();
                out.append(text, runStart, pos);
                escape(out);
                runStart = pos;
            } else {
                pos++;
            }
        }
    }

    private void escape(StringBuilder out) {
        int at = pos;
        pos++; // backslash
        if (pos >= text.length()) throw errorAt(at, "unterminated escape");
        char c = text.charAt(pos++);
        switch (c) {
            case '"': out.append('"'); break;
            case '\\': out.append('\\'); break;
            case '/': out.append('/'); break;
            case 'b': out.append('\b'); break;
            case 'f': out.append('\f'); break;
            case 'n': out.append('\n'); break;
            case 'r': out.append('\r'); break;
            case 't': out.append('\t'); break;
            // UTF-16 code units: a surrogate pair written as two escapes becomes the pair in the Java string.
            case 'u': out.append(hex4(at)); break;
            default: throw errorAt(at, "invalid escape \\" + printable(c));
        }
    }

    private char hex4(int escapeStart) {
        if (pos + 4 > text.length()) throw errorAt(escapeStart, "\\u needs four hex digits");
        int v = 0;
        for (int i = 0; i < 4; i++) {
            int d = Character.digit(text.charAt(pos + i), 16);
            if (d < 0 || text.charAt(pos + i) > 'f') throw errorAt(escapeStart, "\\u needs four hex digits");
            v = v * 16 + d;
        }
        pos += 4;
        return (char) v;
    }

    private Object number() {
        int start = pos;
        if (peek() == '-') pos++;
        if (peek() == '0') {
            pos++;
            if (isDigit(peek())) throw error("leading zero in a number");
        } else if (isDigit(peek())) {
            digits();
        } else {
            throw error("expected a digit, found " + describeHere());
        }
        boolean integer = true;
        if (peek() == '.') {
            integer = false;
            pos++;
            if (!isDigit(peek())) throw error("expected a digit after '.', found " + describeHere());
            digits();
        }
        if (peek() == 'e' || peek() == 'E') {
            integer = false;
            pos++;
            if (peek() == '+' || peek() == '-') pos++;
            if (!isDigit(peek())) throw error("expected a digit in the exponent, found " + describeHere());
            digits();
        }
        String literal = text.substring(start, pos);
        if (integer && literal.length() <= 20) {
            try {
                return Long.parseLong(literal);
            } catch (NumberFormatException tooBig) {
                // falls through to BigDecimal
            }
        }
        try {
            return new BigDecimal(literal);
        } catch (NumberFormatException | ArithmeticException e) {
            throw errorAt(start, "number out of range: " + literal);
        }
    }

    private void digits() {
        while (isDigit(peek())) pos++;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private Object literal(String word, Object value) {
        if (!text.startsWith(word, pos)) throw error("unexpected " + describeHere() + ", expected a value");
        pos += word.length();
        return value;
    }

    private void expect(char c) {
        if (peek() != c) throw error("expected '" + c + "', found " + describeHere());
        pos++;
    }

    /** The current character, or U+FFFF at the end (never valid JSON outside a string). */
    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\uffff';
    }

    private void skipWhitespace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return;
            pos++;
        }
    }

    private void checkDepth(int depth) {
        if (depth > MAX_DEPTH) throw error("nesting deeper than " + MAX_DEPTH);
    }

    private String describeHere() {
        if (pos >= text.length()) return "end of input";
        return "'" + printable(text.charAt(pos)) + "'";
    }

    private static String printable(char c) {
        return c < 0x20 || c == 0x7f || Character.isSurrogate(c) || c == '\ufeff' ? String.format("U+%04X", (int) c) : String.valueOf(c);
    }

    private JsonSyntaxException error(String reason) {
        return errorAt(pos, reason);
    }

    // Line and column are computed only when an error is raised: parsing itself does not track them.
    private JsonSyntaxException errorAt(int at, String reason) {
        int line = 1;
        int lineStart = 0;
        int end = Math.min(at, text.length());
        for (int i = 0; i < end; i++) {
            char c = text.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'))) {
                line++;
                lineStart = i + 1;
            }
        }
        return new JsonSyntaxException(line, end - lineStart + 1, reason);
    }
}
