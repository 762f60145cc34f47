package dev.wgform.facts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wgform.desired.FirewallState;
import dev.wgform.desired.HostState;
import dev.wgform.desired.KeyPaths;
import dev.wgform.desired.Peer;
import dev.wgform.desired.PeerKey;
import dev.wgform.desired.ServiceState;
import dev.wgform.desired.WgInterface;
import dev.wgform.model.Cidr;
import dev.wgform.model.FirewallSettings;
import dev.wgform.model.Host;
import dev.wgform.model.ServiceKind;
import dev.wgform.model.SourceRef;
import dev.wgform.render.RenderedFile;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class FactRequestsTest {
    private static final SourceRef SRC = new SourceRef("pb.yml", 1, 1);

    @Test
    void asksForRenderedFilesKeysPsksAndServices() throws Exception {
        Host host = new Host("node-a", "203.0.113.10", 22, Optional.of("root"), Optional.empty(), false, Optional.of("203.0.113.10"),
                Map.of(), false, List.of(), "eth0", Optional.empty(), Optional.empty(), List.of("all"), Map.of(), SRC);
        WgInterface mgmt = iface("mgmt", "10.200.0.1", List.of(
                peer("node-b", Optional.of(KeyPaths.presharedKey("wg-mgmt", "node-b"))),
                peer("home", Optional.of(KeyPaths.presharedKey("wg-mgmt", "home")))));
        WgInterface data = iface("data", "10.201.0.1", List.of(peer("node-b", Optional.empty())));
        ServiceState sshd = new ServiceState("sshd", ServiceKind.SSHD, "mgmt", InetAddress.getByName("10.200.0.1"), OptionalInt.empty(),
                List.of(), "/etc/ssh/sshd_config.d/wgform.conf", Optional.empty(), SRC);
        ServiceState nginx = new ServiceState("nginx", ServiceKind.NGINX, "mgmt", InetAddress.getByName("10.200.0.1"), OptionalInt.of(80),
                List.of(), "/etc/nginx/wgform-listen.conf", Optional.empty(), SRC);
        FirewallState firewall = new FirewallState(FirewallSettings.Backend.NFTABLES, FirewallSettings.Policy.STEALTH, "eth0",
                List.of(51820, 51821), List.of(), true, 22, List.of("wg-mgmt", "wg-data"), List.of());
        HostState desired = new HostState(host, List.of(mgmt, data), List.of(sshd, nginx), firewall);
        List<RenderedFile> rendered = List.of(
                RenderedFile.of("/etc/wireguard/wg-mgmt.conf", "[Interface]\n", 0600, "wg"),
                RenderedFile.of("/etc/wireguard/wg-data.conf", "[Interface]\n", 0600, "wg"),
                RenderedFile.of("/etc/nftables.d/wgform.nft", "table inet wgform {}\n", 0644, "firewall"),
                RenderedFile.of("/etc/ssh/sshd_config.d/wgform.conf", "ListenAddress 10.200.0.1\n", 0644, "service:sshd"));

        FactRequest req = FactRequests.forPaths(desired, rendered.stream().map(RenderedFile::path).toList());

        assertThat(req.paths()).containsExactly("/etc/wireguard/wg-mgmt.conf", "/etc/wireguard/wg-data.conf",
                "/etc/nftables.d/wgform.nft", "/etc/ssh/sshd_config.d/wgform.conf");
        assertThat(req.keys()).containsOnly(Map.entry("wg-mgmt", "/etc/wireguard/keys/wg-mgmt.key"),
                Map.entry("wg-data", "/etc/wireguard/keys/wg-data.key"));
        assertThat(req.pskPaths()).containsExactly("/etc/wireguard/keys/wg-mgmt/node-b.psk", "/etc/wireguard/keys/wg-mgmt/home.psk");
        assertThat(req.services()).containsExactly("sshd", "nginx");
        assertThat(FactScript.build(req)).contains("wgf_psk '/etc/wireguard/keys/wg-mgmt/home.psk'\n");
    }

    private static WgInterface iface(String plane, String address, List<Peer> peers) throws Exception {
        String name = "wg-" + plane;
        return new WgInterface(plane, name, InetAddress.getByName(address), 24, OptionalInt.of(51820), OptionalInt.empty(), List.of(),
                false, false, KeyPaths.privateKey(name), peers);
    }

    private static Peer peer(String host, Optional<String> psk) {
        return new Peer(host, new PeerKey.Pending(host, "mgmt"), Optional.empty(), List.of(Cidr.parse("10.200.0.2/32").orElseThrow()),
                OptionalInt.empty(), psk);
    }
}
