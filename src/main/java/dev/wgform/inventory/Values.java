package dev.wgform.inventory;

import dev.wgform.model.Cidr;
import java.math.BigInteger;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Typed reads of YAML values. Each returns empty and records a problem (at the value, under
 * {@code key}) when the value has the wrong type or form, saying what to write instead.
 */
final class Values {
    private static final Pattern DECIMAL = Pattern.compile("[-+]?[0-9][0-9_]*");
    private static final Pattern DURATION = Pattern.compile("(?:[0-9]+[dhms])+");
    private static final Pattern DURATION_PART = Pattern.compile("([0-9]+)([dhms])");
    private static final Set<String> ANSIBLE_TRUE = Set.of("y", "yes", "on", "1", "true", "t");
    private static final Set<String> ANSIBLE_FALSE = Set.of("n", "no", "off", "0", "false", "f");

    private Values() {}

    static Optional<YamlMap> map(YamlNode node, String key, Problems problems) {
        if (node instanceof YamlMap) return Optional.of((YamlMap) node);
        problems.add(node.where(), key, "expected a map (key: value lines), found " + node.describe());
        return Optional.empty();
    }

    static Optional<YamlList> list(YamlNode node, String key, Problems problems, String example) {
        if (node instanceof YamlList) return Optional.of((YamlList) node);
        problems.add(node.where(), key, "expected a list like " + example + ", found " + node.describe());
        return Optional.empty();
    }

    /** Text; numbers are taken as written (a host may be called 1234), booleans and empty values are not text. */
    static Optional<String> text(YamlNode node, String key, Problems problems) {
        if (node instanceof YamlScalar) {
            YamlScalar s = (YamlScalar) node;
            if (s.type() == YamlScalar.Type.NULL) {
                problems.add(node.where(), key, "is empty; write a value");
                return Optional.empty();
            }
            if (s.type() == YamlScalar.Type.BOOL) {
                problems.add(node.where(), key, "expected text, found " + s.describe() + " (quote it if you mean the word)");
                return Optional.empty();
            }
            if (s.text().isBlank()) {
                problems.add(node.where(), key, "is blank; write a value");
                return Optional.empty();
            }
            return Optional.of(s.text());
        }
        problems.add(node.where(), key, "expected text, found " + node.describe());
        return Optional.empty();
    }

    /** A list of text values, each with its place. */
    static Optional<List<Text>> textList(YamlNode node, String key, Problems problems, String example) {
        Optional<YamlList> list = list(node, key, problems, example);
        if (list.isEmpty()) return Optional.empty();
        List<Text> out = new ArrayList<>();
        boolean ok = true;
        for (YamlNode item : list.get().items()) {
            Optional<String> t = text(item, key, problems);
            if (t.isPresent()) out.add(new Text(t.get(), item.where()));
            else ok = false;
        }
        return ok ? Optional.of(out) : Optional.empty();
    }

    static Optional<Long> integer(YamlNode node, String key, Problems problems, long min, long max) {
        if (node instanceof YamlScalar) {
            YamlScalar s = (YamlScalar) node;
            String t = s.text().trim();
            if (s.type() != YamlScalar.Type.BOOL && s.type() != YamlScalar.Type.NULL && DECIMAL.matcher(t).matches()) {
                BigInteger v = new BigInteger(t.replace("_", ""));
                if (v.compareTo(BigInteger.valueOf(min)) >= 0 && v.compareTo(BigInteger.valueOf(max)) <= 0) {
                    return Optional.of(v.longValue());
                }
                problems.add(node.where(), key, t + " is out of range; expected a whole number from " + min + " to " + max);
                return Optional.empty();
            }
        }
        problems.add(node.where(), key, "expected a whole number from " + min + " to " + max + ", found " + node.describe());
        return Optional.empty();
    }

    static Optional<Integer> port(YamlNode node, String key, Problems problems) {
        return integer(node, key, problems, 1, 65535).map(Long::intValue);
    }

    /** A YAML boolean: true/false (yes/no/on/off are YAML 1.1 booleans too). */
    static Optional<Boolean> bool(YamlNode node, String key, Problems problems) {
        if (node instanceof YamlScalar && ((YamlScalar) node).type() == YamlScalar.Type.BOOL) {
            return Optional.of(isTrueWord(((YamlScalar) node).text()));
        }
        problems.add(node.where(), key, "expected true or false, found " + node.describe());
        return Optional.empty();
    }

    /** A boolean as Ansible reads one: also 1/0 and the strings yes/no/y/n/on/off/true/false/t/f. */
    static Optional<Boolean> ansibleBool(YamlNode node, String key, Problems problems) {
        if (node instanceof YamlScalar && ((YamlScalar) node).type() != YamlScalar.Type.NULL) {
            String t = ((YamlScalar) node).text().trim().toLowerCase(Locale.ROOT);
            if (ANSIBLE_TRUE.contains(t)) return Optional.of(true);
            if (ANSIBLE_FALSE.contains(t)) return Optional.of(false);
        }
        problems.add(node.where(), key, "expected a boolean (true/false, yes/no, 1/0), found " + node.describe());
        return Optional.empty();
    }

    private static boolean isTrueWord(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        return t.equals("true") || t.equals("yes") || t.equals("on") || t.equals("y");
    }

    /** A literal IPv4 or IPv6 address (never looked up in DNS). */
    static Optional<InetAddress> address(YamlNode node, String key, Problems problems) {
        Optional<String> t = text(node, key, problems);
        if (t.isEmpty()) return Optional.empty();
        Optional<InetAddress> a = Cidr.parseAddress(t.get());
        if (a.isEmpty()) {
            problems.add(node.where(), key, "'" + t.get() + "' is not an IP address; write one like 10.200.0.5 or fd00::5");
        }
        return a;
    }

    /** A network in CIDR form whose host bits are zero (10.0.0.0/24, not 10.0.0.1/24). */
    static Optional<Cidr> network(YamlNode node, String key, Problems problems) {
        Optional<String> t = text(node, key, problems);
        if (t.isEmpty()) return Optional.empty();
        String written = t.get().trim();
        Optional<Cidr> c = Cidr.parse(written);
        if (c.isEmpty() || !written.contains("/")) {
            problems.add(node.where(), key, "'" + written + "' is not a network in CIDR form; write one like 10.200.0.0/24");
            return Optional.empty();
        }
        if (!Cidr.parseAddress(written.substring(0, written.indexOf('/'))).orElseThrow().equals(c.get().network())) {
            problems.add(node.where(), key, "'" + written + "' has host bits set; did you mean " + c.get() + "?");
            return Optional.empty();
        }
        return c;
    }

    /** A duration written like 90d, 12h, 30m, 45s or 1h30m. */
    static Optional<Duration> duration(YamlNode node, String key, Problems problems) {
        String written = node instanceof YamlScalar ? ((YamlScalar) node).text().trim() : "";
        if (!(node instanceof YamlScalar) || !DURATION.matcher(written).matches()) {
            problems.add(node.where(), key, "expected a duration like 90d, 12h, 30m or 45s, found " + node.describe());
            return Optional.empty();
        }
        Duration total = Duration.ZERO;
        Matcher m = DURATION_PART.matcher(written);
        try {
            while (m.find()) {
                long n = Long.parseLong(m.group(1));
                switch (m.group(2)) {
                    case "d": total = total.plusDays(n); break;
                    case "h": total = total.plusHours(n); break;
                    case "m": total = total.plusMinutes(n); break;
                    default: total = total.plusSeconds(n); break;
                }
            }
        } catch (ArithmeticException | NumberFormatException e) {
            problems.add(node.where(), key, "duration '" + written + "' is too long");
            return Optional.empty();
        }
        if (total.isZero()) {
            problems.add(node.where(), key, "duration must be longer than zero");
            return Optional.empty();
        }
        return Optional.of(total);
    }

    /** One of {@code choices}, case-insensitive. */
    static Optional<String> choice(YamlNode node, String key, Problems problems, List<String> choices) {
        Optional<String> t = text(node, key, problems);
        if (t.isEmpty()) return Optional.empty();
        String v = t.get().trim().toLowerCase(Locale.ROOT);
        if (choices.contains(v)) return Optional.of(v);
        problems.add(node.where(), key, "'" + t.get() + "' is not one of " + String.join(" | ", choices)
                + Suggestions.didYouMean(v, choices));
        return Optional.empty();
    }

    /** Plain Java data for templates: maps, lists, String, Long, Double, Boolean; empty values dropped from maps. */
    static Object plain(YamlNode node) {
        if (node instanceof YamlMap) {
            java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
            for (YamlEntry e : ((YamlMap) node).entries()) {
                Object v = plain(e.value());
                if (v != null) m.put(e.key(), v);
            }
            return java.util.Collections.unmodifiableMap(m);
        }
        if (node instanceof YamlList) {
            List<Object> l = new ArrayList<>();
            for (YamlNode item : ((YamlList) node).items()) {
                Object v = plain(item);
                l.add(v == null ? "" : v);
            }
            return List.copyOf(l);
        }
        YamlScalar s = (YamlScalar) node;
        switch (s.type()) {
            case NULL: return null;
            case BOOL: return isTrueWord(s.text());
            case INT:
                if (DECIMAL.matcher(s.text()).matches()) {
                    try {
                        return Long.parseLong(s.text().replace("_", ""));
                    } catch (NumberFormatException e) {
                        return s.text();
                    }
                }
                return s.text();
            case FLOAT:
                try {
                    return Double.parseDouble(s.text().replace("_", ""));
                } catch (NumberFormatException e) {
                    return s.text(); // .inf, .nan as written
                }
            default: return s.text();
        }
    }
}
