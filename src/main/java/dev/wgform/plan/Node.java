package dev.wgform.plan;

import dev.wgform.json.JsonReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A value of a JSON tree with its path, for reading plan files with messages that say where they are wrong. */
final class Node {
    private final String path;
    private final Object value;

    Node(String path, Object value) {
        this.path = path;
        this.value = value;
    }

    /** Builds a record from the node's fields; a record invariant that fails is reported at this node's path. */
    interface Builder<T> {
        T build() throws PlanFormatException;
    }

    <T> T build(Builder<T> builder) throws PlanFormatException {
        try {
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw new PlanFormatException(path, e.getMessage());
        }
    }

    Node object() throws PlanFormatException {
        if (!(value instanceof Map)) throw invalid("expected an object, found " + JsonReader.typeName(value));
        return this;
    }

    Node field(String name) throws PlanFormatException {
        Map<?, ?> map = (Map<?, ?>) value;
        String at = path.isEmpty() ? name : path + "." + name;
        if (!map.containsKey(name)) throw new PlanFormatException(at, "missing");
        return new Node(at, map.get(name));
    }

    /** This object has a field of that name (for fields later formats added). */
    boolean has(String name) {
        return value instanceof Map && ((Map<?, ?>) value).containsKey(name);
    }

    List<Node> list() throws PlanFormatException {
        if (!(value instanceof List)) throw invalid("expected an array, found " + JsonReader.typeName(value));
        List<Node> out = new ArrayList<>();
        List<?> items = (List<?>) value;
        for (int i = 0; i < items.size(); i++) out.add(new Node(path + "[" + i + "]", items.get(i)));
        return out;
    }

    String string() throws PlanFormatException {
        if (!(value instanceof String)) throw invalid("expected a string, found " + JsonReader.typeName(value));
        return (String) value;
    }

    boolean isNull() {
        return JsonReader.NULL.equals(value);
    }

    Optional<String> optionalString() throws PlanFormatException {
        return isNull() ? Optional.empty() : Optional.of(string());
    }

    List<String> strings() throws PlanFormatException {
        List<String> out = new ArrayList<>();
        for (Node n : list()) out.add(n.string());
        return out;
    }

    PlanFormatException invalid(String message) {
        return new PlanFormatException(path, message);
    }
}
