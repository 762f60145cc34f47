package dev.wgform.inventory;

import dev.wgform.model.Cidr;
import dev.wgform.model.Host;
import dev.wgform.model.SourceRef;
import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds a {@link Host} from its merged variables. Their values were checked where they were
 * written, so a wrong one here is simply left out (its problem is already recorded).
 */
final class HostFactory {
    static final String DEFAULT_PUBLIC_INTERFACE = "eth0";

    private HostFactory() {}

    static Host build(String name, Map<String, VarDef> vars, List<String> groups, SourceRef where) {
        Problems quiet = Problems.discarding();
        Optional<String> ansibleHost = text(vars, "ansible_host");
        int port = Optional.ofNullable(vars.get("ansible_port"))
                .flatMap(v -> Values.port(v.value(), "", quiet)).orElse(22);
        Optional<String> user = text(vars, "ansible_user").or(() -> text(vars, "ansible_ssh_user"));
        Optional<String> key = text(vars, "ansible_ssh_private_key_file").or(() -> text(vars, "ansible_private_key_file"));
        boolean become = bool(vars, "ansible_become");
        boolean nat = bool(vars, "wg_nat");
        Optional<String> endpoint = Optional.ofNullable(vars.get("wg_endpoint"))
                .flatMap(v -> HostVars.endpoint(v.value(), "", quiet));
        if (endpoint.isEmpty() && !nat) endpoint = Optional.of(ansibleHost.orElse(name));
        Map<String, InetAddress> addresses = Optional.ofNullable(vars.get("wg_addresses"))
                .map(v -> HostVars.addresses(v.value(), "", quiet)).orElse(Map.of());
        List<Cidr> lan = Optional.ofNullable(vars.get("wg_lan")).map(v -> HostVars.lan(v.value(), "", quiet)).orElse(List.of());
        String publicInterface = Optional.ofNullable(vars.get("wg_public_interface"))
                .flatMap(v -> HostVars.publicInterface(v.value(), "", quiet)).orElse(DEFAULT_PUBLIC_INTERFACE);
        Optional<String> osFamily = Optional.ofNullable(vars.get("wg_os_family"))
                .flatMap(v -> Values.choice(v.value(), "", quiet, HostVars.OS_FAMILIES));
        Optional<String> sshVia = text(vars, "wg_ssh_via");
        Optional<String> sshJump = text(vars, "wg_ssh_jump");
        Map<String, Object> plain = new LinkedHashMap<>();
        vars.forEach((k, v) -> {
            Object value = Values.plain(v.value());
            if (value != null) plain.put(k, value);
        });
        return new Host(name, ansibleHost.orElse(name), port, user, key, become, endpoint, addresses, nat, lan,
                publicInterface, osFamily, sshVia, sshJump, groups, plain, where);
    }

    private static Optional<String> text(Map<String, VarDef> vars, String name) {
        return Optional.ofNullable(vars.get(name)).flatMap(v -> Values.text(v.value(), "", Problems.discarding())).map(String::trim);
    }

    private static boolean bool(Map<String, VarDef> vars, String name) {
        return Optional.ofNullable(vars.get(name)).flatMap(v -> Values.ansibleBool(v.value(), "", Problems.discarding())).orElse(false);
    }
}
