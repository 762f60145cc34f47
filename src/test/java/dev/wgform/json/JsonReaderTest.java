package dev.wgform.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wgform.view.Json;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonReaderTest {
    @Test
    void readsEveryKindOfValue() {
        Object v = JsonReader.parse(" {\"s\": \"x\", \"i\": -42, \"f\": 1.5e2, \"t\": true, \"n\": null, \"a\": [1, [], {}]} ");
        assertThat(v).isInstanceOf(LinkedHashMap.class);
        @SuppressWarnings("unchecked") Map<String, Object> m = (Map<String, Object>) v;
        assertThat(m.keySet()).containsExactly("s", "i", "f", "t", "n", "a");
        assertThat(m.get("s")).isEqualTo("x");
        assertThat(m.get("i")).isEqualTo(-42L);
        assertThat(m.get("f")).isEqualTo(new BigDecimal("1.5e2"));
        assertThat(m.get("t")).isEqualTo(Boolean.TRUE);
        assertThat(m.get("n")).isSameAs(JsonReader.NULL).isEqualTo(Optional.empty());
        assertThat(m.get("a")).isEqualTo(List.of(1L, List.of(), Map.of()));
    }

    @Test
    void integersThatDoNotFitALongBecomeBigDecimal() {
        assertThat(JsonReader.parse("9223372036854775807")).isEqualTo(Long.MAX_VALUE);
        assertThat(JsonReader.parse("-9223372036854775808")).isEqualTo(Long.MIN_VALUE);
        assertThat(JsonReader.parse("9223372036854775808")).isEqualTo(new BigDecimal("9223372036854775808"));
        assertThat(JsonReader.parse("-0")).isEqualTo(0L);
        assertThat(JsonReader.parse("0.0")).isEqualTo(new BigDecimal("0.0"));
    }

    @Test
    void decodesEscapesAndSurrogatePairs() {
        assertThat(JsonReader.parse("\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\"")).isEqualTo("a\"b\\c/d\b\f\n\r\t");
        assertThat(JsonReader.parse("\"\\u00e9\\u00C9\"")).isEqualTo("éÉ");
        assertThat(JsonReader.parse("\"\\ud83d\\udd11 key\"")).isEqualTo("🔑 key");
        assertThat(JsonReader.parse("\"🔑 raw\"")).isEqualTo("🔑 raw");
        assertThat(JsonReader.parse("\"lone \\ud83d\"")).isEqualTo("lone \ud83d");
    }

    @Test
    void roundTripsWhatTheWriterWrites() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("path", "/etc/wireguard/wg mgmt.conf");
        inner.put("sha256", "ab".repeat(32));
        inner.put("mode", 384L);
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("format_version", 1L);
        root.put("files", List.of(inner, Map.of()));
        root.put("text", "quote\" backslash\\ nl\n tab\t ctl\u0001 del\u007f ls\u2028 emoji🔑 lone\udd11");
        root.put("none", JsonReader.NULL);
        root.put("flags", List.of(true, false));
        root.put("big", new BigDecimal("123456789012345678901234567890"));
        root.put("frac", new BigDecimal("-0.125"));
        root.put("empty", "");

        String written = Json.write(root);
        assertThat(JsonReader.parse(written)).isEqualTo(root);
        assertThat(Json.write(JsonReader.parse(written))).isEqualTo(written);
    }

    @Test
    void parseObjectInsistsOnAnObject() {
        assertThat(JsonReader.parseObject("{\"a\":1}")).containsEntry("a", 1L);
        assertThatThrownBy(() -> JsonReader.parseObject("[1]")).isInstanceOf(JsonSyntaxException.class)
                .hasMessage("1:1: expected a JSON object, found array");
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "``                       | 1:1: unexpected end of input, expected a value",
        "`   `                    | 1:4: unexpected end of input, expected a value",
        "`[1,]`                   | 1:4: unexpected ']', expected a value",
        "`{\"a\":1,}`             | 1:8: expected a string key, found '}'",
        "`{\"a\":1 \"b\":2}`      | 1:8: expected ',' or '}', found '\"'",
        "`[1 2]`                  | 1:4: expected ',' or ']', found '2'",
        "`{a:1}`                  | 1:2: expected a string key, found 'a'",
        "`{'a':1}`                | 1:2: expected a string key, found '''",
        "`{\"a\" 1}`              | 1:6: expected ':', found '1'",
        "`01`                     | 1:2: leading zero in a number",
        "`1.`                     | 1:3: expected a digit after '.', found end of input",
        "`.5`                     | 1:1: unexpected '.', expected a value",
        "`+1`                     | 1:1: unexpected '+', expected a value",
        "`-`                      | 1:2: expected a digit, found end of input",
        "`1e`                     | 1:3: expected a digit in the exponent, found end of input",
        "`1e999999999999`         | 1:1: number out of range: 1e999999999999",
        "`NaN`                    | 1:1: unexpected 'N', expected a value",
        "`tru`                    | 1:1: unexpected 't', expected a value",
        "`nul`                    | 1:1: unexpected 'n', expected a value",
        "`True`                   | 1:1: unexpected 'T', expected a value",
        "`1 2`                    | 1:3: unexpected '2' after the JSON value",
        "`{} x`                   | 1:4: unexpected 'x' after the JSON value",
        "`\"abc`                  | 1:1: unterminated string",
        "`\"a\\x\"`               | 1:3: invalid escape \\x",
        "`\"a\\u12\"`             | 1:3: \\u needs four hex digits",
        "`\"a\\u12g4\"`           | 1:3: \\u needs four hex digits",
        "`\"a\\`                  | 1:3: unterminated escape",
        "`{\"a\":1,\"a\":2}`      | 1:8: duplicate key \"a\"",
        "`/* c */ 1`              | 1:1: unexpected '/', expected a value",
    })
    void rejectsMalformedInputWithLineAndColumn(String input, String message) {
        assertThatThrownBy(() -> JsonReader.parse(input)).isInstanceOf(JsonSyntaxException.class).hasMessage(message);
    }

    @Test
    void reportsLineAndColumnAcrossLines() {
        JsonSyntaxException e = catchSyntax("{\n  \"a\": 1,\n  \"b\": [1,\n    ]\n}");
        assertThat(e.line()).isEqualTo(4);
        assertThat(e.column()).isEqualTo(5);
        assertThat(e.reason()).isEqualTo("unexpected ']', expected a value");
        assertThat(catchSyntax("[1,\r\n x]").getMessage()).startsWith("2:2: ");
    }

    @Test
    void rejectsRawControlCharactersAndForeignWhitespace() {
        assertThat(catchSyntax("\"a\nb\"").getMessage()).isEqualTo("1:3: control character U+000A in a string (escape it)");
        assertThat(catchSyntax("\"a\tb\"").getMessage()).isEqualTo("1:3: control character U+0009 in a string (escape it)");
        assertThat(catchSyntax("\ufeff{}").getMessage()).isEqualTo("1:1: unexpected 'U+FEFF', expected a value");
        assertThat(catchSyntax("[1,\u00a02]").getMessage()).isEqualTo("1:4: unexpected '\u00a0', expected a value");
    }

    @Test
    void limitsNestingDepth() {
        String ok = "[".repeat(JsonReader.MAX_DEPTH) + "]".repeat(JsonReader.MAX_DEPTH);
        assertThat(JsonReader.parse(ok)).isInstanceOf(List.class);
        String deep = "[".repeat(100_000);
        assertThat(catchSyntax(deep).getMessage()).isEqualTo("1:257: nesting deeper than 256");
        assertThat(catchSyntax("{\"a\":".repeat(300)).reason()).isEqualTo("nesting deeper than 256");
    }

    private static JsonSyntaxException catchSyntax(String input) {
        try {
            JsonReader.parse(input);
        } catch (JsonSyntaxException e) {
            return e;
        }
        throw new AssertionError("parsed: " + input);
    }
}
