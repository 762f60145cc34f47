package dev.wgform.inventory;

import dev.wgform.model.SourceRef;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.ReaderException;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads YAML files as untrusted input: strict UTF-8, bounded size, aliases and nesting, and only
 * SnakeYAML's node tree ({@code compose}), which this class turns into plain {@link YamlNode}s.
 * No Java object is ever built from a tag. Every failure becomes a problem with file, line and column.
 */
final class SafeYaml {
    static final int MAX_BYTES = 8 * 1024 * 1024;
    static final int MAX_DEPTH = 50;
    static final int MAX_ALIASES = 50;
    /** Nodes after expanding aliases: a few aliases can otherwise multiply into billions (billion laughs). */
    static final int MAX_NODES = 200_000;

    private static final Map<Tag, YamlScalar.Type> SCALAR_TYPES = Map.of(
            Tag.STR, YamlScalar.Type.STRING,
            Tag.INT, YamlScalar.Type.INT,
            Tag.FLOAT, YamlScalar.Type.FLOAT,
            Tag.BOOL, YamlScalar.Type.BOOL,
            Tag.NULL, YamlScalar.Type.NULL,
            Tag.TIMESTAMP, YamlScalar.Type.STRING,
            Tag.BINARY, YamlScalar.Type.STRING);
    /** Ansible's tag for text that must not be templated: to us it is just text. */
    private static final Tag UNSAFE = new Tag("!unsafe");
    private static final Tag VAULT = new Tag("!vault");

    private final String file;
    private final Problems problems;
    private int nodes;

    private SafeYaml(String file, Problems problems) {
        this.file = file;
        this.problems = problems;
    }

    /**
     * Reads {@code path}. Empty when the file cannot be read (a problem says why) or holds no document:
     * that is a problem too unless {@code emptyAllowed}; {@code expected} says what should be in it.
     */
    static Optional<YamlNode> read(Path path, String expected, boolean emptyAllowed, Problems problems) {
        String name = path.toString();
        byte[] bytes;
        try {
            long size = Files.size(path);
            if (size > MAX_BYTES) {
                problems.add(SourceRef.of(name), "", "file is " + size + " bytes; wgform reads YAML files up to " + MAX_BYTES + " bytes");
                return Optional.empty();
            }
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            problems.add(SourceRef.of(name), "", "file not found: check the path");
            return Optional.empty();
        } catch (IOException e) {
            problems.add(SourceRef.of(name), "", "cannot read the file: " + e.getMessage());
            return Optional.empty();
        }
        Optional<String> text = decodeUtf8(bytes, name, problems);
        if (text.isEmpty()) return Optional.empty();
        return parse(text.get(), name, expected, emptyAllowed, problems);
    }

    /** Parses YAML text that claims to come from {@code file}. */
    static Optional<YamlNode> parse(String text, String file, String expected, boolean emptyAllowed, Problems problems) {
        return new SafeYaml(file, problems).parse(text, expected, emptyAllowed);
    }

    private Optional<YamlNode> parse(String text, String expected, boolean emptyAllowed) {
        if (text.startsWith("\uFEFF")) text = text.substring(1);
        Node root;
        LoaderOptions options = options();
        LastEventParser parser = new LastEventParser(new ParserImpl(new StreamReader(new StringReader(text)), options));
        try {
            root = new Composer(parser, new Resolver(), options).getSingleNode();
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String what = e.getProblem() != null ? e.getProblem() : e.getMessage();
            if (what != null && what.contains("(TAB)")) what = "a tab character where YAML expects spaces (indent with spaces, not tabs)";
            String context = e.getContext() != null && e.getContextMark() != null && e.getContextMark() != mark
                    ? " (" + e.getContext() + " at line " + (e.getContextMark().getLine() + 1) + ")" : "";
            problems.add(at(mark), "", "YAML syntax error: " + what + context + hint(what));
            return Optional.empty();
        } catch (ReaderException e) {
            problems.add(at(text, e.getPosition()), "", "the file contains a character YAML does not allow (code point "
                    + String.format("U+%04X", e.getCodePoint()) + "); remove it");
            return Optional.empty();
        } catch (YAMLException e) {
            SourceRef where = parser.lastMark().map(this::at).orElse(SourceRef.of(file)); // a limit: where it was hit
            problems.add(where, "", "YAML rejected: " + firstLine(e.getMessage()) + limitHint(e.getMessage()));
            return Optional.empty();
        }
        if (root == null) {
            if (!emptyAllowed) problems.add(SourceRef.of(file), "", "empty file: expected " + expected);
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(convert(root, 0, new HashSet<>(), ""));
        } catch (TooLarge e) {
            problems.add(e.where, "", e.getMessage());
            return Optional.empty();
        }
    }

    private static LoaderOptions options() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false); // checked again while converting: compose alone keeps duplicates
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setNestingDepthLimit(MAX_DEPTH);
        options.setCodePointLimit(MAX_BYTES);
        options.setAllowRecursiveKeys(false);
        options.setMergeOnCompose(true); // "<<: *defaults" as Ansible (PyYAML) understands it
        options.setProcessComments(false);
        return options;
    }

    /** Turns a composed node into plain data; null only when a problem was recorded for it. */
    private YamlNode convert(Node node, int depth, Set<Node> path, String yamlPath) {
        SourceRef where = at(node.getStartMark());
        if (++nodes > MAX_NODES) {
            throw new TooLarge(where, "the document expands to more than " + MAX_NODES
                    + " values (through aliases?); wgform refuses it: write the values out or simplify the file");
        }
        if (depth > MAX_DEPTH) {
            throw new TooLarge(where, "values nested more than " + MAX_DEPTH + " levels deep; flatten the structure");
        }
        if (node instanceof ScalarNode) return scalar((ScalarNode) node, where);
        if (!path.add(node)) {
            throw new TooLarge(where, "an alias refers to a value that contains it (a loop); write the value out instead");
        }
        try {
            if (node instanceof SequenceNode) return sequence((SequenceNode) node, depth, path, where, yamlPath);
            return mapping((MappingNode) node, depth, path, where, yamlPath);
        } finally {
            path.remove(node);
        }
    }

    private YamlNode scalar(ScalarNode node, SourceRef where) {
        Tag tag = node.getTag();
        YamlScalar.Type type = SCALAR_TYPES.get(tag);
        if (type == null && tag.equals(UNSAFE)) type = YamlScalar.Type.STRING;
        if (type == null) {
            problems.add(where, "", unsupportedTag(tag));
            return null;
        }
        return new YamlScalar(node.getValue(), type, where);
    }

    private YamlNode sequence(SequenceNode node, int depth, Set<Node> path, SourceRef where, String yamlPath) {
        if (!node.getTag().equals(Tag.SEQ) && !node.getTag().equals(Tag.OMAP) && !node.getTag().equals(Tag.PAIRS)) {
            problems.add(where, "", unsupportedTag(node.getTag()));
            return null;
        }
        List<YamlNode> items = new ArrayList<>();
        for (Node child : node.getValue()) {
            YamlNode item = convert(child, depth + 1, path, yamlPath + "[" + items.size() + "]");
            if (item != null) items.add(item);
        }
        return new YamlList(items, where);
    }

    private YamlNode mapping(MappingNode node, int depth, Set<Node> path, SourceRef where, String yamlPath) {
        if (!node.getTag().equals(Tag.MAP) && !node.getTag().equals(Tag.SET)) {
            problems.add(where, "", unsupportedTag(node.getTag()));
            return null;
        }
        List<YamlEntry> entries = new ArrayList<>();
        for (NodeTuple tuple : node.getValue()) {
            Node keyNode = tuple.getKeyNode();
            SourceRef keyWhere = at(keyNode.getStartMark());
            if (!(keyNode instanceof ScalarNode)) {
                problems.add(keyWhere, "", "a key must be plain text, not a list or map");
                continue;
            }
            String key = ((ScalarNode) keyNode).getValue();
            Optional<YamlEntry> first = entries.stream().filter(e -> e.key().equals(key)).findFirst();
            if (first.isPresent()) {
                problems.add(keyWhere, Keys.join(yamlPath, key), "duplicate key '" + key + "' (first at line " + first.get().keyWhere().line()
                        + "); keep only one");
                continue;
            }
            YamlNode value = convert(tuple.getValueNode(), depth + 1, path, Keys.join(yamlPath, key));
            if (value != null) entries.add(new YamlEntry(key, keyWhere, value));
        }
        return new YamlMap(entries, where);
    }

    private static String unsupportedTag(Tag tag) {
        if (tag.equals(VAULT)) {
            return "Ansible Vault values (!vault) cannot be read by wgform; keep wgform's variables unencrypted";
        }
        return "the YAML tag " + tag.getValue() + " is not supported; remove it (wgform reads plain maps, lists and values)";
    }

    private SourceRef at(Mark mark) {
        if (mark == null) return SourceRef.of(file);
        return new SourceRef(file, mark.getLine() + 1, mark.getColumn() + 1);
    }

    private SourceRef at(String text, int codePointIndex) {
        int line = 1;
        int column = 1;
        int seen = 0;
        for (int i = 0; i < text.length() && seen < codePointIndex; i += Character.charCount(text.codePointAt(i)), seen++) {
            if (text.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new SourceRef(file, line, column);
    }

    private static Optional<String> decodeUtf8(byte[] bytes, String name, Problems problems) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) result = decoder.flush(out);
        if (result.isError()) {
            int offset = in.position();
            int line = 1;
            int lineStart = 0;
            for (int i = 0; i < offset; i++) {
                if (bytes[i] == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            problems.add(new SourceRef(name, line, offset - lineStart + 1), "", String.format(
                    "not UTF-8 text: byte 0x%02X is not valid UTF-8; save the file as UTF-8", bytes[offset] & 0xFF));
            return Optional.empty();
        }
        out.flip();
        return Optional.of(out.toString());
    }

    private static String firstLine(String message) {
        if (message == null) return "unreadable YAML";
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    private static String limitHint(String message) {
        if (message == null) return "";
        if (message.contains("aliases")) return " (wgform allows " + MAX_ALIASES + " aliases of lists and maps per file)";
        if (message.contains("Nesting Depth")) return " (wgform allows " + MAX_DEPTH + " levels of nesting)";
        return "";
    }

    private static String hint(String problem) {
        if (problem == null) return "";
        if (problem.contains("mapping values are not allowed")) return " (quote the value, or put a space after the colon only where a key ends)";
        return "";
    }

    /** Aborts a conversion that is too big or too deep; reported as one problem. */
    private static final class TooLarge extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient SourceRef where;

        TooLarge(SourceRef where, String message) {
            super(message, null, false, false);
            this.where = where;
        }
    }
}
