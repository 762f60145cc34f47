package dev.wgform.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wgform.model.Problem;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One malformed fixture per validation rule (src/test/resources/inventory/validation): each must
 * give exactly the expected problems, pointing at the file, line, column and key, with a message
 * that says what to do.
 */
class ValidationTest {
    private static final String BASE = "base.inventory.yml";
    private static final String OK = "ok.playbook.yml";
    private static final String CORE_ONLY = "ok-single.playbook.yml";

    /** inventory, playbook, problems in all, then the file, line, column, key and message text of the one under test. */
    static Stream<Arguments> rules() {
        return Stream.of(
                // unknown keys, with "did you mean"
                rule(BASE, "unknown-top-key.playbook.yml", 1, "unknown-top-key.playbook.yml", 3, 1, "servics",
                        "unknown key 'servics'; did you mean 'services'?"),
                rule(BASE, "unknown-plane-key.playbook.yml", 1, "unknown-plane-key.playbook.yml", 3, 5, "planes.mgmt.subent",
                        "unknown key 'subent' in planes.mgmt; did you mean 'subnet'?"),
                rule(BASE, "unknown-service-key.playbook.yml", 1, "unknown-service-key.playbook.yml", 6, 5, "services.sshd.prot",
                        "did you mean 'port'?"),
                rule(BASE, "builtin-service-with-template.playbook.yml", 1, "builtin-service-with-template.playbook.yml", 6, 5,
                        "services.nginx.template", "template: is for custom services; nginx is built in"),
                rule(BASE, "unknown-firewall-key.playbook.yml", 1, "unknown-firewall-key.playbook.yml", 5, 3, "firewall.polcy",
                        "did you mean 'policy'?"),
                rule("unknown-group-key.inventory.yml", CORE_ONLY, 2, "unknown-group-key.inventory.yml", 4, 7,
                        "all.children.core.host", "unknown key 'host' in group 'core'; did you mean 'hosts'?"),
                rule("unknown-wg-var.inventory.yml", OK, 1, "unknown-wg-var.inventory.yml", 5, 45,
                        "all.children.core.hosts.db-1.wg_adresses", "unknown wgform variable 'wg_adresses'; did you mean 'wg_addresses'?"),
                rule(BASE, "bad-topology.playbook.yml", 1, "bad-topology.playbook.yml", 5, 15, "planes.mgmt.topology",
                        "'mehs' is not one of mesh | hub | relay; did you mean 'mesh'?"),
                // wrong types
                rule(BASE, "planes-not-a-map.playbook.yml", 1, "planes-not-a-map.playbook.yml", 2, 9, "planes",
                        "expected a map (key: value lines), found the text 'mgmt'"),
                rule(BASE, "plane-not-a-map.playbook.yml", 1, "plane-not-a-map.playbook.yml", 2, 9, "planes.mgmt",
                        "expected a map (key: value lines), found a list"),
                rule(BASE, "members-not-a-list.playbook.yml", 1, "members-not-a-list.playbook.yml", 5, 14, "planes.mgmt.members",
                        "expected a list like [core, laptops], found the text 'core'"),
                rule(BASE, "bool-as-text.playbook.yml", 1, "bool-as-text.playbook.yml", 6, 10, "planes.mgmt.psk",
                        "expected true or false, found the text 'maybe'"),
                rule("hosts-list.inventory.yml", CORE_ONLY, 2, "hosts-list.inventory.yml", 5, 9, "all.children.core.hosts",
                        "hosts must be a map (each host a key ending in ':'), not a list"),
                rule(BASE, "missing-subnet.playbook.yml", 1, "missing-subnet.playbook.yml", 2, 3, "planes.mgmt.subnet",
                        "subnet is required"),
                rule(BASE, "bad-duration.playbook.yml", 1, "bad-duration.playbook.yml", 3, 14, "key_max_age",
                        "expected a duration like 90d, 12h, 30m or 45s, found the text '90 days'"),
                rule(BASE, "bad-allow-public.playbook.yml", 1, "bad-allow-public.playbook.yml", 5, 27, "firewall.allow_public",
                        "'sctp/9' is not a port rule; write protocol/port"),
                // malformed CIDR, IP, port
                rule(BASE, "bad-cidr.playbook.yml", 1, "bad-cidr.playbook.yml", 3, 13, "planes.mgmt.subnet",
                        "'10.200.0.0/33' is not a network in CIDR form"),
                rule(BASE, "cidr-host-bits.playbook.yml", 1, "cidr-host-bits.playbook.yml", 3, 13, "planes.mgmt.subnet",
                        "'10.200.0.1/24' has host bits set; did you mean 10.200.0.0/24?"),
                rule("wg-addresses-bad-ip.inventory.yml", OK, 1, "wg-addresses-bad-ip.inventory.yml", 5, 67,
                        "all.children.core.hosts.db-1.wg_addresses.mgmt", "'10.200.0.300' is not an IP address"),
                rule(BASE, "port-out-of-range.playbook.yml", 1, "port-out-of-range.playbook.yml", 4, 11, "planes.mgmt.port",
                        "70000 is out of range; expected a whole number from 1 to 65535"),
                rule(BASE, "port-not-a-number.playbook.yml", 1, "port-not-a-number.playbook.yml", 4, 11, "planes.mgmt.port",
                        "expected a whole number from 1 to 65535, found the text 'wireguard'"),
                // plane addresses
                rule("wg-addresses-outside.inventory.yml", OK, 1, "wg-addresses-outside.inventory.yml", 5, 61,
                        "all.children.core.hosts.db-1.wg_addresses.mgmt",
                        "address 10.99.0.1 of db-1 is outside plane mgmt's subnet 10.200.0.0/24"),
                rule("wg-addresses-network.inventory.yml", OK, 2, "wg-addresses-network.inventory.yml", 5, 61,
                        "all.children.core.hosts.db-1.wg_addresses.mgmt", "is the network address of 10.200.0.0/24"),
                rule("wg-addresses-network.inventory.yml", OK, 2, "wg-addresses-network.inventory.yml", 5, 79,
                        "all.children.core.hosts.db-1.wg_addresses.roam", "is the broadcast address of 10.210.0.0/24"),
                rule("wg-addresses-duplicate.inventory.yml", OK, 1, "wg-addresses-duplicate.inventory.yml", 12, 65,
                        "all.children.laptops.hosts.laptop-1.wg_addresses.roam",
                        "address 10.210.0.7 on plane roam is also given to db-1"),
                rule("wg-addresses-unknown-plane.inventory.yml", OK, 1, "wg-addresses-unknown-plane.inventory.yml", 5, 61,
                        "all.children.core.hosts.db-1.wg_addresses.mgnt",
                        "wg_addresses names plane 'mgnt', which the playbook does not define; did you mean 'mgmt'?"),
                // planes against each other
                rule(BASE, "duplicate-port.playbook.yml", 1, "duplicate-port.playbook.yml", 5, 11, "planes.data.port",
                        "planes mgmt and data both use UDP port 51820 on db-1"),
                rule(BASE, "overlapping-subnets.playbook.yml", 1, "overlapping-subnets.playbook.yml", 4, 13, "planes.data.subnet",
                        "subnet 10.200.5.0/24 of plane data overlaps 10.200.0.0/16 of plane mgmt"),
                rule(BASE, "shared-interface.playbook.yml", 1, "shared-interface.playbook.yml", 7, 16, "planes.data.interface",
                        "planes mgmt and data both use interface wg0"),
                // interface names
                rule(BASE, "interface-too-long.playbook.yml", 1, "interface-too-long.playbook.yml", 2, 3,
                        "planes.management-plane.interface", "'wg-management-plane' is 19 characters; Linux allows at most 15"),
                rule(BASE, "interface-bad-chars.playbook.yml", 1, "interface-bad-chars.playbook.yml", 6, 16, "planes.mgmt.interface",
                        "may only use letters, digits and _ . = + -"),
                rule(BASE, "interface-dot.playbook.yml", 1, "interface-dot.playbook.yml", 6, 16, "planes.mgmt.interface",
                        "'..' cannot be an interface name"),
                // hub, relay, reachability
                rule(BASE, "hub-not-member.playbook.yml", 1, "hub-not-member.playbook.yml", 6, 10, "planes.roam.hub",
                        "hub db-1 is not a member of plane roam"),
                rule(BASE, "relay-not-member.playbook.yml", 1, "relay-not-member.playbook.yml", 6, 12, "planes.sites.relay",
                        "relay web-1 is not a member of plane sites"),
                rule(BASE, "hub-missing.playbook.yml", 1, "hub-missing.playbook.yml", 5, 15, "planes.roam.topology",
                        "topology hub needs a hub host: add hub: <host>"),
                rule(BASE, "hub-is-group.playbook.yml", 1, "hub-is-group.playbook.yml", 5, 10, "planes.roam.hub",
                        "'web' is a group; the hub must be one host"),
                rule(BASE, "hub-behind-nat.playbook.yml", 1, "hub-behind-nat.playbook.yml", 6, 10, "planes.roam.hub",
                        "hub laptop-1 has no endpoint"),
                rule(BASE, "mesh-nat-pair.playbook.yml", 1, "mesh-nat-pair.playbook.yml", 5, 15, "planes.roam.topology",
                        "hosts laptop-1 and laptop-2 are behind NAT (no wg_endpoint), so in a mesh they cannot reach each other;"
                                + " use topology: relay"),
                rule(BASE, "stealth-mesh.playbook.yml", 1, "stealth-mesh.playbook.yml", 6, 14, "planes.mgmt.stealth",
                        "use topology: hub (or relay) for a stealth plane"),
                rule(BASE, "clients-on-mesh.playbook.yml", 1, "clients-on-mesh.playbook.yml", 6, 14, "planes.mgmt.clients",
                        "clients: applies to the spokes of a hub or relay plane"),
                // undefined names
                rule(BASE, "unknown-member.playbook.yml", 1, "unknown-member.playbook.yml", 5, 21, "planes.mgmt.members",
                        "no group or host 'dbs' in the inventory; did you mean 'db'?"),
                rule(BASE, "unknown-hub.playbook.yml", 1, "unknown-hub.playbook.yml", 5, 10, "planes.roam.hub",
                        "no host 'web-3' in the inventory; did you mean 'web-1'?"),
                rule(BASE, "unknown-client.playbook.yml", 1, "unknown-client.playbook.yml", 8, 17, "planes.roam.clients.members",
                        "no group or host 'laptop' in the inventory; did you mean 'laptops'?"),
                rule(BASE, "client-not-spoke.playbook.yml", 1, "client-not-spoke.playbook.yml", 8, 16, "planes.roam.clients.members",
                        "client db-1 is not a member of plane roam"),
                rule(BASE, "unknown-service-host.playbook.yml", 1, "unknown-service-host.playbook.yml", 6, 13,
                        "services.postgresql.hosts", "no group or host 'dbs' in the inventory; did you mean 'db'?"),
                // services
                rule(BASE, "service-host-off-plane.playbook.yml", 1, "service-host-off-plane.playbook.yml", 6, 12,
                        "services.nginx.hosts", "service nginx is bound to plane data, but web-1 and web-2 are not on that plane"),
                rule(BASE, "service-unknown-plane.playbook.yml", 1, "service-unknown-plane.playbook.yml", 5, 12,
                        "services.postgresql.plane", "plane 'dta', which the playbook does not define; did you mean 'data'?"),
                rule(BASE, "service-port-clash.playbook.yml", 1, "service-port-clash.playbook.yml", 7, 11,
                        "services.node_exporter.port", "services prometheus and node_exporter would both listen on port 9090 of db-1"),
                rule(BASE, "custom-service-incomplete.playbook.yml", 2, "custom-service-incomplete.playbook.yml", 4, 3,
                        "services.myapp.template", "template is required"),
                rule(BASE, "custom-service-incomplete.playbook.yml", 2, "custom-service-incomplete.playbook.yml", 4, 3,
                        "services.myapp.destination", "destination is required"),
                rule(BASE, "custom-service-relative.playbook.yml", 1, "custom-service-relative.playbook.yml", 7, 18,
                        "services.myapp.destination", "destination 'etc/myapp.conf' must be an absolute path"),
                // host variables that name planes
                rule("wg-ssh-via-not-member.inventory.yml", OK, 1, "wg-ssh-via-not-member.inventory.yml", 12, 49,
                        "all.children.laptops.hosts.laptop-1.wg_ssh_via",
                        "laptop-1 is reached over plane mgmt (wg_ssh_via) but is not a member of it"),
                rule("wg-ssh-via-unknown-plane.inventory.yml", OK, 1, "wg-ssh-via-unknown-plane.inventory.yml", 5, 45,
                        "all.children.core.hosts.db-1.wg_ssh_via", "wg_ssh_via names plane 'mgnt'"),
                // routed LANs
                rule("lan-overlap.inventory.yml", "lan-overlap.playbook.yml", 1, "lan-overlap.inventory.yml", 10, 11,
                        "all.children.sites.hosts.site-b.wg_lan",
                        "LAN 192.168.10.0/25 of site-b overlaps site-a's 192.168.10.0/24, both routed over plane s2s"),
                rule("lan-plane-overlap.inventory.yml", "lan-overlap.playbook.yml", 1, "lan-plane-overlap.inventory.yml", 7, 11,
                        "all.children.sites.hosts.site-a.wg_lan", "LAN 10.230.0.0/16 of site-a overlaps plane s2s's subnet 10.230.0.0/24"),
                // planes without members
                rule(BASE, "no-members.playbook.yml", 1, "no-members.playbook.yml", 5, 14, "planes.mgmt.members",
                        "plane mgmt has no members"),
                rule(BASE, "empty-group-members.playbook.yml", 1, "empty-group-members.playbook.yml", 5, 14, "planes.mgmt.members",
                        "plane mgmt has no members: group empty has no hosts"),
                // inventory structure
                rule("group-loop.inventory.yml", CORE_ONLY, 1, "group-loop.inventory.yml", 9, 13, "core",
                        "group nesting loop: core -> web -> core"),
                rule("bad-range.inventory.yml", CORE_ONLY, 2, "bad-range.inventory.yml", 5, 9, "all.children.core.hosts.web[3:1]",
                        "host range [3:1] must have begin <= end"),
                rule("duplicate-key.inventory.yml", CORE_ONLY, 1, "duplicate-key.inventory.yml", 7, 9, "all.children.core.hosts.web-1",
                        "duplicate key 'web-1' (first at line 5); keep only one"),
                // unreadable files
                rule("syntax-error.inventory.yml", CORE_ONLY, 1, "syntax-error.inventory.yml", 6, 14, "",
                        "YAML syntax error: expected ',' or '}'"),
                rule("not-utf8.inventory.yml", CORE_ONLY, 1, "not-utf8.inventory.yml", 3, 8, "",
                        "not UTF-8 text: byte 0xE9 is not valid UTF-8; save the file as UTF-8"),
                rule("empty.inventory.yml", CORE_ONLY, 1, "empty.inventory.yml", 0, 0, "",
                        "empty file: expected an Ansible YAML inventory"),
                rule(BASE, "comment-only.playbook.yml", 1, "comment-only.playbook.yml", 0, 0, "",
                        "empty file: expected a wgform playbook"));
    }

    private static Arguments rule(String inventory, String playbook, int total, String file, int line, int column, String key,
            String message) {
        return Arguments.of(inventory, playbook, total, file, line, column, key, message);
    }

    @ParameterizedTest(name = "{1} with {0}: {3}:{4} {6}")
    @MethodSource("rules")
    void reportsTheProblemWhereItIsWritten(String inventory, String playbook, int total, String file, int line, int column,
            String key, String message) {
        List<Problem> problems = Fixtures.problems(Fixtures.validation(inventory), Fixtures.validation(playbook));
        assertThat(problems).as("all problems: %s", problems).hasSize(total);
        assertThat(problems).as("all problems: %s", problems).anySatisfy(problem -> {
            assertThat(Path.of(problem.where().file()).getFileName().toString()).isEqualTo(file);
            assertThat(problem.where().line()).isEqualTo(line);
            assertThat(problem.where().column()).isEqualTo(column);
            assertThat(problem.key()).isEqualTo(key);
            assertThat(problem.message()).contains(message);
        });
    }

    @Test
    void everyVariableProblemOfAHostIsReportedAtOnce() {
        List<Problem> problems = Fixtures.problems(Fixtures.validation("bad-host-vars.inventory.yml"),
                Fixtures.validation(CORE_ONLY));
        assertThat(problems).extracting(p -> p.where().line() + " " + p.key()).containsExactly(
                "3 all.vars.wg_os_family",
                "9 all.children.core.hosts.web-1.ansible_port",
                "10 all.children.core.hosts.web-1.ansible_become",
                "11 all.children.core.hosts.web-1.wg_public_interface",
                "12 all.children.core.hosts.web-1.wg_endpoint",
                "13 all.children.core.hosts.web-1.wg_lan",
                "14 all.children.core.hosts.web-1.wg_nat",
                "15 all.children.core.hosts.web-1.wg_addresses");
        assertThat(problems.get(0).message()).isEqualTo("'arch' is not one of debian | redhat");
        assertThat(problems.get(1).message()).contains("99999 is out of range");
        assertThat(problems.get(2).message()).contains("expected a boolean (true/false, yes/no, 1/0), found the text 'maybe'");
        assertThat(problems.get(3).message()).contains("is 21 characters; Linux allows at most 15");
        assertThat(problems.get(4).message()).contains("without a port");
        assertThat(problems.get(5).message()).contains("expected a list like [192.168.1.0/24]");
        assertThat(problems.get(7).message()).contains("expected a map of plane: address");
    }

    @Test
    void problemsInBothFilesComeTogether() {
        List<Problem> problems = Fixtures.problems(Fixtures.validation("unknown-wg-var.inventory.yml"),
                Fixtures.validation("unknown-top-key.playbook.yml"));
        assertThat(problems).extracting(p -> Path.of(p.where().file()).getFileName().toString())
                .containsExactly("unknown-wg-var.inventory.yml", "unknown-top-key.playbook.yml");
        assertThat(problems.get(0).toString()).endsWith(
                "unknown-wg-var.inventory.yml:5:45: all.children.core.hosts.db-1.wg_adresses: unknown wgform variable"
                        + " 'wg_adresses'; did you mean 'wg_addresses'?");
    }

    @Test
    void aMissingFileIsAProblemNotACrash() {
        List<Problem> problems = Fixtures.problems(Fixtures.validation("no-such.inventory.yml"), Fixtures.validation(OK));
        assertThat(problems).singleElement().satisfies(p -> assertThat(p.message()).contains("inventory not found"));
        problems = Fixtures.problems(Fixtures.validation(BASE), Fixtures.validation("no-such.playbook.yml"));
        assertThat(problems).singleElement().satisfies(p -> assertThat(p.message()).contains("file not found"));
    }
}
