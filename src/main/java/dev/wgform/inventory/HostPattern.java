package dev.wgform.inventory;

import dev.wgform.model.Cidr;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A host key of an Ansible YAML inventory: a name, optionally with ranges ({@code web[01:03]},
 * {@code node-[a:c]}, {@code db[0:10:5]}) and a port ({@code web1:2222}), expanded as Ansible does.
 */
final class HostPattern {
    /** More than this many hosts from one key is almost certainly a typo (web[1:100000]). */
    static final int MAX_HOSTS = 4096;
    private static final String LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final Pattern WITH_PORT = Pattern.compile("(.*[^:]):([0-9]{1,5})");

    /** The expanded host names and the port written after the name, if any. */
    record Expansion(List<String> hosts, OptionalInt port) {
        Expansion {
            hosts = List.copyOf(hosts);
        }
    }

    private HostPattern() {}

    /** Expands {@code pattern}, or explains why it cannot. */
    static Expansion expand(String pattern) throws IllegalArgumentException {
        String name = pattern.trim();
        OptionalInt port = OptionalInt.empty();
        Matcher m = WITH_PORT.matcher(name);
        if (m.matches()) {
            String host = m.group(1);
            String inner = host.length() > 2 ? host.substring(1, host.length() - 1) : "";
            boolean bracketedIpv6 = host.startsWith("[") && host.endsWith("]") && inner.indexOf(':') >= 0
                    && Cidr.parseAddress(inner).isPresent();
            // "web[1:3]:22" has a port; an IPv6 literal (colons outside ranges) has none unless bracketed
            boolean colonFree = host.replaceAll("\\[[^\\]]*\\]", "").indexOf(':') < 0;
            if (bracketedIpv6 || colonFree) {
                int p = Integer.parseInt(m.group(2));
                if (p < 1 || p > 65535) throw new IllegalArgumentException("port " + p + " is out of range 1-65535");
                port = OptionalInt.of(p);
                name = bracketedIpv6 ? inner : host;
                if (bracketedIpv6) return new Expansion(List.of(name), port);
            }
        }
        if (name.isEmpty()) throw new IllegalArgumentException("empty host name");
        List<String> hosts = new ArrayList<>();
        expandRanges(name, hosts);
        return new Expansion(hosts, port);
    }

    private static void expandRanges(String name, List<String> out) {
        int open = name.indexOf('[');
        if (open < 0) {
            if (name.indexOf(']') >= 0) throw new IllegalArgumentException("']' without '[' in '" + name + "'");
            out.add(name);
            return;
        }
        int close = name.indexOf(']', open);
        if (close < 0) throw new IllegalArgumentException("'[' without ']' in '" + name + "'");
        String head = name.substring(0, open);
        String tail = name.substring(close + 1);
        for (String part : rangeValues(name.substring(open + 1, close))) {
            if (out.size() >= MAX_HOSTS) {
                throw new IllegalArgumentException("range gives more than " + MAX_HOSTS + " hosts");
            }
            expandRanges(head + part + tail, out);
        }
    }

    /** The values of "01:03", "a:c" or "0:10:2", as Ansible's expand_hostname_range gives them. */
    private static List<String> rangeValues(String range) {
        String[] bounds = range.split(":", -1);
        if (bounds.length != 2 && bounds.length != 3) {
            throw new IllegalArgumentException("a host range is [begin:end] or [begin:end:step], not [" + range + "]");
        }
        String begin = bounds[0].isEmpty() ? "0" : bounds[0];
        String end = bounds[1];
        if (end.isEmpty()) throw new IllegalArgumentException("the host range [" + range + "] has no end");
        int step = 1;
        if (bounds.length == 3) step = parse(bounds[2], range);
        if (step < 1) throw new IllegalArgumentException("the step of host range [" + range + "] must be at least 1");
        List<String> values = new ArrayList<>();
        Optional<int[]> letters = letterBounds(begin, end);
        if (letters.isPresent()) {
            int from = letters.get()[0];
            int to = letters.get()[1];
            if (from > to) throw new IllegalArgumentException("host range [" + range + "] must have begin <= end");
            for (int i = from; i <= to; i += step) values.add(String.valueOf(LETTERS.charAt(i)));
            return values;
        }
        int from = parse(begin, range);
        int to = parse(end, range);
        if (from > to) throw new IllegalArgumentException("host range [" + range + "] must have begin <= end");
        boolean padded = begin.length() > 1 && begin.charAt(0) == '0';
        if (padded && begin.length() != end.length()) {
            throw new IllegalArgumentException("host range [" + range + "]: zero-padded begin and end must have the same length");
        }
        if ((long) (to - from) / step >= MAX_HOSTS) throw new IllegalArgumentException("range gives more than " + MAX_HOSTS + " hosts");
        for (int i = from; i <= to; i += step) {
            String v = Integer.toString(i);
            while (padded && v.length() < begin.length()) v = "0" + v;
            values.add(v);
        }
        return values;
    }

    private static Optional<int[]> letterBounds(String begin, String end) {
        if (begin.length() != 1 || end.length() != 1) return Optional.empty();
        int from = LETTERS.indexOf(begin.charAt(0));
        int to = LETTERS.indexOf(end.charAt(0));
        if (from < 0 || to < 0) return Optional.empty();
        return Optional.of(new int[] {from, to});
    }

    private static int parse(String number, String range) {
        if (!number.matches("[0-9]{1,9}")) {
            throw new IllegalArgumentException("host range [" + range + "] must use numbers or single letters");
        }
        return Integer.parseInt(number);
    }
}
