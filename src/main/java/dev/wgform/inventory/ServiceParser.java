package dev.wgform.inventory;

import dev.wgform.model.CustomService;
import dev.wgform.model.ServiceBinding;
import dev.wgform.model.ServiceKind;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * Reads one entry of the playbook's {@code services:} map. sshd, postgresql, prometheus,
 * node_exporter and nginx are built in; any other name is a custom service rendered from a template.
 */
final class ServiceParser {
    static final List<String> BUILT_IN_KEYS = List.of("plane", "port", "hosts");
    static final List<String> CUSTOM_KEYS = List.of("plane", "port", "hosts", "template", "destination", "validate", "reload");
    private static final Map<ServiceKind, Integer> DEFAULT_PORTS = Map.of(
            ServiceKind.PROMETHEUS, 9090, ServiceKind.NODE_EXPORTER, 9100, ServiceKind.NGINX, 80);
    private static final List<String> OWN_TREES = List.of("/etc/wireguard/", "/var/lib/wgform/");
    /** At most 64 characters: the install and fact scripts accept no longer service names. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

    private ServiceParser() {}

    static Optional<ServiceBinding> parse(YamlEntry entry, Problems problems) {
        String name = entry.key();
        String path = "services." + name;
        ServiceKind kind = ServiceKind.fromYaml(name).orElse(ServiceKind.CUSTOM);
        if (kind == ServiceKind.CUSTOM && !NAME.matcher(name).matches()) {
            problems.add(entry.keyWhere(), path, name.length() > 64
                    ? "service name '" + name.substring(0, 64) + "...' is " + name.length() + " characters; at most 64"
                    : "service name '" + name + "' may only use letters, digits and _ . -");
            return Optional.empty();
        }
        if (entry.value() instanceof YamlScalar && ((YamlScalar) entry.value()).isNull()) {
            problems.add(entry.keyWhere(), path, "service " + name + " needs at least plane: <plane>");
            return Optional.empty();
        }
        Optional<YamlMap> node = Values.map(entry.value(), path, problems);
        if (node.isEmpty()) return Optional.empty();
        YamlMap map = node.get();
        int before = problems.size();
        checkKeys(map, path, name, kind, problems);

        Optional<String> plane = required(map, "plane", entry, path, problems, "the plane whose address " + name + " listens on")
                .flatMap(v -> Values.text(v, path + ".plane", problems)).map(String::trim);
        Optional<Integer> port = map.get("port").flatMap(v -> Values.port(v, path + ".port", problems));
        if (port.isEmpty() && map.get("port").isEmpty()) port = Optional.ofNullable(DEFAULT_PORTS.get(kind));
        List<String> hosts = map.get("hosts")
                .flatMap(v -> Values.textList(v, path + ".hosts", problems, "[db]"))
                .map(l -> l.stream().map(Text::value).toList()).orElse(List.of());
        Optional<CustomService> custom = Optional.empty();
        if (kind == ServiceKind.CUSTOM) {
            Optional<String> template = required(map, "template", entry, path, problems,
                    "the template file rendered for " + name).flatMap(v -> Values.text(v, path + ".template", problems));
            Optional<String> destination = required(map, "destination", entry, path, problems,
                    "the absolute path on the host the rendered file is installed to")
                    .flatMap(v -> Values.text(v, path + ".destination", problems));
            destination.filter(d -> !d.startsWith("/")).ifPresent(d -> problems.add(map.get("destination").get().where(),
                    path + ".destination", "destination '" + d + "' must be an absolute path, like /etc/" + name + "/wgform.conf"));
            // wgform's own trees: a custom file there would replace a private key, a PSK, a config or the manifest
            destination.filter(d -> OWN_TREES.stream().anyMatch(d::startsWith)).ifPresent(d -> problems.add(
                    map.get("destination").get().where(), path + ".destination", "destination '" + d + "' is inside "
                            + String.join(" or ", OWN_TREES) + ", where wgform keeps its own files; choose another path"));
            Optional<String> validate = map.get("validate").flatMap(v -> command(v, path + ".validate", problems));
            Optional<String> reload = map.get("reload").flatMap(v -> command(v, path + ".reload", problems));
            if (template.isPresent() && destination.isPresent()) {
                custom = Optional.of(new CustomService(template.get(), destination.get(), validate, reload));
            }
        }
        if (problems.size() > before || plane.isEmpty()) return Optional.empty();
        return Optional.of(new ServiceBinding(name, kind, plane.get(),
                port.isPresent() ? OptionalInt.of(port.get()) : OptionalInt.empty(), hosts, custom, entry.keyWhere()));
    }

    /**
     * A validate or reload command: the user's own sh, run as written, but one line of the install script, so one
     * line here (a block scalar's final newline is dropped). Several commands join with && or ;.
     */
    private static Optional<String> command(YamlNode node, String key, Problems problems) {
        Optional<String> text = Values.text(node, key, problems).map(String::strip);
        if (text.isPresent() && (text.get().indexOf('\n') >= 0 || text.get().indexOf('\r') >= 0)) {
            problems.add(node.where(), key, "a command must be one line (it runs as one line of the install script);"
                    + " join several with && or ;");
            return Optional.empty();
        }
        return text;
    }

    private static void checkKeys(YamlMap map, String path, String name, ServiceKind kind, Problems problems) {
        if (kind == ServiceKind.CUSTOM) {
            Keys.check(map, path, CUSTOM_KEYS, problems);
            return;
        }
        for (YamlEntry e : map.entries()) {
            if (BUILT_IN_KEYS.contains(e.key())) continue;
            if (CUSTOM_KEYS.contains(e.key())) {
                problems.add(e.keyWhere(), path + "." + e.key(), e.key() + ": is for custom services; " + name
                        + " is built in (it takes plane:, port: and hosts:)");
            } else {
                String suggestion = Suggestions.didYouMean(e.key(), BUILT_IN_KEYS);
                problems.add(e.keyWhere(), path + "." + e.key(), "unknown key '" + e.key() + "' in " + path
                        + (suggestion.isEmpty() ? "; expected one of: " + String.join(", ", BUILT_IN_KEYS) : suggestion));
            }
        }
    }

    private static Optional<YamlNode> required(YamlMap map, String key, YamlEntry service, String path, Problems problems, String what) {
        Optional<YamlNode> v = map.get(key);
        if (v.isEmpty()) problems.add(service.keyWhere(), path + "." + key, key + " is required: " + what);
        return v;
    }
}
