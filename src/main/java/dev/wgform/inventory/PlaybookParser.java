package dev.wgform.inventory;

import dev.wgform.model.FirewallSettings;
import dev.wgform.model.Plane;
import dev.wgform.model.Playbook;
import dev.wgform.model.PortRule;
import dev.wgform.model.ServiceBinding;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a playbook document: {@code planes}, {@code services}, {@code firewall}, {@code key_max_age}, {@code stale_after}. */
final class PlaybookParser {
    static final List<String> TOP_KEYS = List.of("planes", "services", "firewall", "key_max_age", "stale_after");
    static final List<String> FIREWALL_KEYS = List.of("backend", "policy", "allow_public", "keep_public_ssh");
    static final Duration DEFAULT_STALE_AFTER = Duration.ofSeconds(180);
    private static final Pattern PORT_RULE = Pattern.compile("(?i)(tcp|udp)/([0-9]{1,5})");

    private PlaybookParser() {}

    static ParsedPlaybook parse(YamlNode root, String file, Problems problems) {
        Refs refs = new Refs(file);
        refs.record("", root);
        Map<String, Plane> planes = new LinkedHashMap<>();
        List<String> declared = new ArrayList<>();
        List<ServiceBinding> services = new ArrayList<>();
        FirewallSettings firewall = FirewallSettings.defaults();
        Optional<Duration> keyMaxAge = Optional.empty();
        Duration staleAfter = DEFAULT_STALE_AFTER;

        if (!(root instanceof YamlMap)) {
            problems.add(root.where(), "", "a playbook is a map with planes: (and services:, firewall:); found " + root.describe());
        } else {
            YamlMap top = (YamlMap) root;
            Keys.check(top, "", TOP_KEYS, problems);
            Optional<YamlMap> planeMap = Optional.empty();
            if (top.get("planes").isEmpty()) {
                problems.add(top.where(), "planes", "planes: is required: define at least one plane (subnet:, port:, members:)");
            } else {
                planeMap = Values.map(top.get("planes").get(), "planes", problems);
            }
            if (planeMap.isPresent() && planeMap.get().entries().isEmpty()) {
                problems.add(planeMap.get().where(), "planes", "no planes defined; add at least one");
            }
            for (YamlEntry e : planeMap.map(YamlMap::entries).orElse(List.of())) {
                declared.add(e.key());
                PlaneParser.parse(e, problems).ifPresent(p -> planes.put(p.name(), p));
            }
            Optional<YamlNode> serviceNode = top.get("services").filter(n -> !isNull(n));
            for (YamlEntry e : serviceNode.flatMap(n -> Values.map(n, "services", problems)).map(YamlMap::entries).orElse(List.of())) {
                ServiceParser.parse(e, problems).ifPresent(services::add);
            }
            Optional<YamlNode> firewallNode = top.get("firewall").filter(n -> !isNull(n));
            if (firewallNode.isPresent()) firewall = firewall(firewallNode.get(), problems);
            keyMaxAge = top.get("key_max_age").flatMap(n -> Values.duration(n, "key_max_age", problems));
            staleAfter = top.get("stale_after").flatMap(n -> Values.duration(n, "stale_after", problems)).orElse(DEFAULT_STALE_AFTER);
        }
        return new ParsedPlaybook(new Playbook(file, planes, services, firewall, keyMaxAge, staleAfter), declared, refs);
    }

    private static FirewallSettings firewall(YamlNode node, Problems problems) {
        FirewallSettings defaults = FirewallSettings.defaults();
        Optional<YamlMap> map = Values.map(node, "firewall", problems);
        if (map.isEmpty()) return defaults;
        Keys.check(map.get(), "firewall", FIREWALL_KEYS, problems);
        FirewallSettings.Backend backend = map.get().get("backend")
                .flatMap(v -> Values.choice(v, "firewall.backend", problems, names(FirewallSettings.Backend.values())))
                .map(s -> FirewallSettings.Backend.valueOf(s.toUpperCase(Locale.ROOT))).orElse(defaults.backend());
        FirewallSettings.Policy policy = map.get().get("policy")
                .flatMap(v -> Values.choice(v, "firewall.policy", problems, names(FirewallSettings.Policy.values())))
                .map(s -> FirewallSettings.Policy.valueOf(s.toUpperCase(Locale.ROOT))).orElse(defaults.policy());
        List<PortRule> allow = map.get().get("allow_public").map(v -> portRules(v, problems)).orElse(defaults.allowPublic());
        boolean keepSsh = map.get().get("keep_public_ssh")
                .flatMap(v -> Values.bool(v, "firewall.keep_public_ssh", problems)).orElse(defaults.keepPublicSsh());
        return new FirewallSettings(backend, policy, allow, keepSsh);
    }

    private static List<PortRule> portRules(YamlNode node, Problems problems) {
        List<PortRule> rules = new ArrayList<>();
        for (Text t : Values.textList(node, "firewall.allow_public", problems, "[tcp/443, udp/53]").orElse(List.of())) {
            Matcher m = PORT_RULE.matcher(t.value().trim());
            int port = m.matches() ? Integer.parseInt(m.group(2)) : 0;
            if (port < 1 || port > 65535) {
                problems.add(t.where(), "firewall.allow_public", "'" + t.value() + "' is not a port rule; write protocol/port"
                        + " with tcp or udp and a port from 1 to 65535, like tcp/443");
                continue;
            }
            rules.add(new PortRule(m.group(1), port));
        }
        return rules;
    }

    private static List<String> names(Enum<?>[] values) {
        List<String> out = new ArrayList<>();
        for (Enum<?> v : values) out.add(v.name().toLowerCase(Locale.ROOT));
        return out;
    }

    private static boolean isNull(YamlNode node) {
        return node instanceof YamlScalar && ((YamlScalar) node).isNull();
    }
}
