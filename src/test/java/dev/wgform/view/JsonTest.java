package dev.wgform.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void escapesQuotesBackslashesAndControlCharacters() {
        assertThat(Json.quote("a\"b\\c")).isEqualTo("\"a\\\"b\\\\c\"");
        assertThat(Json.quote("line\nnext\r\ttab\b\f")).isEqualTo("\"line\\nnext\\r\\ttab\\b\\f\"");
        assertThat(Json.quote("\u0000\u0001\u001f\u007f")).isEqualTo("\"\\u0000\\u0001\\u001f\\u007f\"");
        assertThat(Json.quote("\u2028\u2029")).isEqualTo("\"\\u2028\\u2029\"");
        assertThat(Json.quote("</script> é 🔑 /")).isEqualTo("\"</script> é 🔑 /\"");
    }

    @Test
    void escapesLoneSurrogatesButKeepsPairs() {
        assertThat(Json.quote("\ud83d")).isEqualTo("\"\\ud83d\"");
        assertThat(Json.quote("x\udd11")).isEqualTo("\"x\\udd11\"");
        assertThat(Json.quote("\ud83d\udd11")).isEqualTo("\"\ud83d\udd11\"");
    }

    @Test
    void writesNestedValuesInOrderWithIndentation() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("name", "mgmt");
        inner.put("members", 4);
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("ok", true);
        root.put("planes", List.of(inner));
        root.put("empty", List.of());
        root.put("none", Optional.empty());
        root.put("port", OptionalInt.of(51820));
        root.put("ratio", 0.5);
        root.put("whole", 2.0);
        root.put("nothing", null);
        root.put("map", Map.of());
        assertThat(Json.write(root)).isEqualTo("""
                {
                  "ok": true,
                  "planes": [
                    {
                      "name": "mgmt",
                      "members": 4
                    }
                  ],
                  "empty": [],
                  "none": null,
                  "port": 51820,
                  "ratio": 0.5,
                  "whole": 2,
                  "nothing": null,
                  "map": {}
                }""");
    }

    @Test
    void escapesKeysToo() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("a\"b", "c\nd");
        assertThat(Json.write(m)).isEqualTo("{\n  \"a\\\"b\": \"c\\nd\"\n}");
    }

    @Test
    void refusesWhatJsonCannotSay() {
        assertThatThrownBy(() -> Json.write(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Json.write(new Object())).isInstanceOf(IllegalArgumentException.class);
        Map<Object, Object> intKeys = new LinkedHashMap<>();
        intKeys.put(1, "x");
        assertThatThrownBy(() -> Json.write(intKeys)).isInstanceOf(IllegalArgumentException.class);
        assertThat(Json.write(new ArrayList<>(List.of(1, "two")))).isEqualTo("[\n  1,\n  \"two\"\n]");
    }
}
