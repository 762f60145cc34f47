package dev.wgform.inventory;

import dev.wgform.model.Cidr;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The host variables wgform reads (its {@code wg_*} vars and the Ansible connection vars), with
 * their types. Each variable is checked where it is written, so a group variable wrong for all
 * its hosts is reported once, at its line.
 */
final class HostVars {
    static final List<String> WG_VARS = List.of(
            "wg_endpoint", "wg_addresses", "wg_nat", "wg_lan", "wg_public_interface", "wg_os_family", "wg_ssh_via",
            "wg_ssh_jump", "wg_postgresql_version");
    static final List<String> OS_FAMILIES = List.of("debian", "redhat");

    private HostVars() {}

    /** Checks one variable definition; unknown {@code wg_*} names and wrong types become problems. */
    static void check(VarDef def, Problems problems) {
        String key = def.path();
        YamlNode v = def.value();
        switch (def.name()) {
            case "ansible_host":
                sshAddress(v, key, problems);
                break;
            case "ansible_user":
            case "ansible_ssh_user":
            case "ansible_ssh_private_key_file":
            case "ansible_private_key_file":
            case "wg_ssh_via":
            case "wg_ssh_jump":
                Values.text(v, key, problems);
                break;
            case "ansible_port":
                Values.port(v, key, problems);
                break;
            case "ansible_become":
            case "wg_nat":
                Values.ansibleBool(v, key, problems);
                break;
            case "wg_endpoint":
                endpoint(v, key, problems);
                break;
            case "wg_addresses":
                addresses(v, key, problems);
                break;
            case "wg_lan":
                lan(v, key, problems);
                break;
            case "wg_public_interface":
                publicInterface(v, key, problems);
                break;
            case "wg_os_family":
                Values.choice(v, key, problems, OS_FAMILIES);
                break;
            case "wg_postgresql_version":
                postgresqlVersion(v, key, problems);
                break;
            default:
                if (def.name().startsWith("wg_")) {
                    String suggestion = Suggestions.didYouMean(def.name(), WG_VARS);
                    problems.add(def.keyWhere(), key, "unknown wgform variable '" + def.name() + "'"
                            + (suggestion.isEmpty() ? "; wgform knows " + String.join(", ", WG_VARS) : suggestion));
                }
        }
    }

    /** The PostgreSQL major version names a directory on the host (/etc/postgresql/15/main), so it must be a number. */
    static void postgresqlVersion(YamlNode node, String key, Problems problems) {
        Optional<String> t = Values.text(node, key, problems);
        if (t.isPresent() && !t.get().matches("\\d{1,3}(\\.\\d{1,3})?")) {
            problems.add(node.where(), key, "'" + t.get() + "' is not a PostgreSQL major version; write it as on the host's"
                    + " /etc/postgresql/<version>/main path, e.g. 15");
        }
    }

    /** ansible_host: SSH connects there, sshd may keep listening on it, and peers send WireGuard packets to it by default. */
    static Optional<String> sshAddress(YamlNode node, String key, Problems problems) {
        Optional<String> t = Values.text(node, key, problems);
        if (t.isEmpty()) return t;
        String a = t.get().trim();
        if (LinuxNames.isAddressOrDnsName(a)) return Optional.of(a);
        problems.add(node.where(), key, "'" + a + "' is not a host name or IP address; write the address wgform reaches this host"
                + " at over SSH (letters, digits, '.' and '-', or an IP address)");
        return Optional.empty();
    }

    static Optional<String> endpoint(YamlNode node, String key, Problems problems) {
        Optional<String> t = Values.text(node, key, problems);
        if (t.isEmpty()) return t;
        String e = t.get().trim();
        if (Cidr.parseAddress(e).isPresent() || LinuxNames.isHostname(e)) return Optional.of(e);
        problems.add(node.where(), key, "'" + e + "' is not a host name or IP address; write the address peers reach this host at,"
                + " without a port (each plane has its own port)");
        return Optional.empty();
    }

    /** wg_addresses: plane -> address; an empty value means none. */
    static Map<String, InetAddress> addresses(YamlNode node, String key, Problems problems) {
        Map<String, InetAddress> out = new LinkedHashMap<>();
        if (node instanceof YamlScalar && ((YamlScalar) node).isNull()) return out;
        if (!(node instanceof YamlMap)) {
            problems.add(node.where(), key, "expected a map of plane: address, like { mgmt: 10.200.0.1 }, found " + node.describe());
            return out;
        }
        for (YamlEntry e : ((YamlMap) node).entries()) {
            Values.address(e.value(), Keys.join(key, e.key()), problems).ifPresent(a -> out.put(e.key(), a));
        }
        return out;
    }

    static List<Cidr> lan(YamlNode node, String key, Problems problems) {
        List<Cidr> out = new ArrayList<>();
        if (node instanceof YamlScalar && ((YamlScalar) node).isNull()) return out;
        Optional<YamlList> list = Values.list(node, key, problems, "[192.168.1.0/24]");
        if (list.isEmpty()) return out;
        for (YamlNode item : list.get().items()) Values.network(item, key, problems).ifPresent(out::add);
        return out;
    }

    static Optional<String> publicInterface(YamlNode node, String key, Problems problems) {
        Optional<String> t = Values.text(node, key, problems);
        if (t.isEmpty()) return t;
        Optional<String> wrong = LinuxNames.interfaceProblem(t.get());
        if (wrong.isPresent()) {
            problems.add(node.where(), key, wrong.get());
            return Optional.empty();
        }
        return t;
    }
}
