package dev.wgform.planner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wgform.desired.HostState;
import dev.wgform.desired.TestFleets;
import dev.wgform.facts.HostFacts;
import dev.wgform.model.FirewallSettings.Backend;
import dev.wgform.model.FirewallSettings.Policy;
import dev.wgform.model.ServiceKind;
import dev.wgform.plan.HostPlan;
import dev.wgform.planner.SshPathGuard.SshPath;
import dev.wgform.render.RenderedFile;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The SSH path guard on one host, lab-1 (ansible_host 198.51.100.1, eth0 public, mgmt address 10.200.0.1), planned
 * from a host with nothing of wgform's on it, so the firewall and sshd's drop-in are both created.
 */
class SshPathGuardTest {
    private static final SshPath PUBLIC = new SshPath("198.51.100.1", 22);
    private static final SshPath OVER_MGMT = new SshPath("10.200.0.1", 22);
    private static final String SSHD_DROP_IN = "/etc/ssh/sshd_config.d/wgform.conf";

    @Test
    void stealthWithoutKeepPublicSshOverThePublicAddressIsRefused() {
        Optional<String> r = refusal(f -> f.firewall(Backend.AUTO, Policy.STEALTH, false), PUBLIC);
        assertThat(r).hasValueSatisfying(m -> assertThat(m)
                .startsWith("lab-1: this change would cut wgform's SSH path to 198.51.100.1:22 (the firewall's stealth policy drops "
                        + "TCP 22 on eth0 while keep_public_ssh is false). Safe order: bring the mgmt plane up with keep_public_ssh: true, "
                        + "reach the host over it (wg_ssh_via: mgmt, with the workstation a mgmt member or a bastion via wg_ssh_jump), "
                        + "then lock down.")
                .endsWith("--force applies it anyway, with a confirmed apply that reverts the host by itself if wgform cannot reconnect "
                        + "(unless --confirm-timeout 0)."));
    }

    @Test
    void keepPublicSshKeepsThePathOpen() {
        assertThat(refusal(f -> f.firewall(Backend.AUTO, Policy.STEALTH, true), PUBLIC)).isEmpty();
        assertThat(refusal(f -> f.firewall(Backend.FIREWALLD, Policy.STEALTH, true), PUBLIC)).isEmpty();
    }

    @Test
    void allowPublicTcpOfTheSshPortKeepsThePathOpen() {
        assertThat(refusal(f -> f.firewall(Backend.NFTABLES, Policy.STEALTH, false, "tcp/22"), PUBLIC)).isEmpty();
        assertThat(refusal(f -> f.firewall(Backend.NFTABLES, Policy.STEALTH, false, "udp/22", "tcp/443", "tcp/2222"), PUBLIC))
                .as("udp/22 and other TCP ports do not").isPresent();
    }

    @Test
    void noFirewallOrAnOpenPolicyNeverCutsThePath() {
        assertThat(refusal(f -> f.firewall(Backend.NONE, Policy.STEALTH, false), PUBLIC)).isEmpty();
        assertThat(refusal(f -> f.firewall(Backend.AUTO, Policy.OPEN, false), PUBLIC)).isEmpty();
    }

    @Test
    void aPathOverAPlaneIsAcceptedByTheFirewallWholesale() {
        assertThat(refusal(f -> f.firewall(Backend.FIREWALLD, Policy.STEALTH, false), OVER_MGMT)).isEmpty();
    }

    @Test
    void sshdBoundToMgmtOnlyWhileReachedOverThePublicAddressIsRefused() {
        Optional<String> r = refusal(f -> f.firewall(Backend.AUTO, Policy.OPEN, false).service("sshd", ServiceKind.SSHD, "mgmt", 0), PUBLIC);
        assertThat(r).hasValueSatisfying(m -> assertThat(m).startsWith("lab-1: this change would cut wgform's SSH path to 198.51.100.1:22 "
                + "(sshd's drop-in " + SSHD_DROP_IN + " has it listen on 10.200.0.1 only). Safe order: bring the mgmt plane up"));
    }

    @Test
    void sshdOnMgmtWithKeepPublicSshAlsoListensWhereWgformReachesIt() {
        assertThat(refusal(f -> f.firewall(Backend.AUTO, Policy.STEALTH, true).service("sshd", ServiceKind.SSHD, "mgmt", 0), PUBLIC)).isEmpty();
    }

    @Test
    void reachedOverMgmtWithSshdOnMgmtIsLockedDownSafely() {
        assertThat(refusal(f -> f.firewall(Backend.AUTO, Policy.STEALTH, false).service("sshd", ServiceKind.SSHD, "mgmt", 0), OVER_MGMT))
                .isEmpty();
    }

    @Test
    void reachedOverMgmtWithSshdBoundToAnotherPlaneIsRefusedWithAdviceForThatPath() {
        Optional<String> r = refusal(f -> f.plane("data", p -> p.members("all")).firewall(Backend.AUTO, Policy.STEALTH, false)
                .service("sshd", ServiceKind.SSHD, "data", 0), OVER_MGMT);
        assertThat(r).hasValueSatisfying(m -> assertThat(m)
                .contains("path to 10.200.0.1:22 (sshd's drop-in " + SSHD_DROP_IN + " has it listen on 10.201.0.1 only)")
                .doesNotContain("firewall")
                .contains("Safe order: keep sshd listening on the mgmt address wgform reaches the host at"));
    }

    @Test
    void bothCausesAreNamedInOneRefusal() {
        Optional<String> r = refusal(f -> f.firewall(Backend.AUTO, Policy.STEALTH, false).service("sshd", ServiceKind.SSHD, "mgmt", 0), PUBLIC);
        assertThat(r).hasValueSatisfying(m -> assertThat(m).contains("(the firewall's stealth policy drops TCP 22 on eth0 while "
                + "keep_public_ssh is false; and sshd's drop-in " + SSHD_DROP_IN + " has it listen on 10.200.0.1 only)"));
    }

    @Test
    void aCustomSshPortIsTheOneTheFirewallAndSshdMustAccept() {
        SshPath custom = new SshPath("198.51.100.1", 2222);
        UnaryOperator<TestFleets.Builder> on2222 = f -> f.host("lab-1", h -> h.endpoint("198.51.100.1").sshPort(2222));
        assertThat(refusal(f -> on2222.apply(f).firewall(Backend.AUTO, Policy.STEALTH, true), custom))
                .as("keep_public_ssh accepts ansible_port").isEmpty();
        assertThat(refusal(f -> on2222.apply(f).firewall(Backend.AUTO, Policy.STEALTH, false, "tcp/22"), custom))
                .hasValueSatisfying(m -> assertThat(m).contains("path to 198.51.100.1:2222 (the firewall's stealth policy drops TCP 2222 on eth0"));
        assertThat(refusal(f -> on2222.apply(f).firewall(Backend.AUTO, Policy.STEALTH, false, "tcp/2222"), custom)).isEmpty();
        // sshd told to listen on port 22 while wgform connects on 2222
        assertThat(refusal(f -> on2222.apply(f).firewall(Backend.AUTO, Policy.OPEN, true).service("sshd", ServiceKind.SSHD, "mgmt", 22), custom))
                .hasValueSatisfying(m -> assertThat(m).contains("has it listen on 10.200.0.1:22, 198.51.100.1:22 only"));
        assertThat(refusal(f -> on2222.apply(f).firewall(Backend.AUTO, Policy.OPEN, true).service("sshd", ServiceKind.SSHD, "mgmt", 2222), custom))
                .isEmpty();
    }

    @Test
    void onlyAChangeCounts() {
        HostState state = state(f -> f.firewall(Backend.AUTO, Policy.STEALTH, false).service("sshd", ServiceKind.SSHD, "mgmt", 0));
        List<RenderedFile> files = TestFacts.render(state);
        HostFacts converged = TestFacts.applied(state, files).build();
        HostPlan unchanged = Planner.plan(state, files, converged);
        assertThat(SshPathGuard.refusal(state, files, unchanged, PUBLIC))
                .as("the host runs this firewall and drop-in already and was reached: what cuts the path is elsewhere").isEmpty();

        HostFacts firewallEdited = TestFacts.applied(state, files).editFile("/etc/nftables.d/wgform.nft", c -> c + "# edited\n").build();
        HostPlan firewallOnly = Planner.plan(state, files, firewallEdited);
        assertThat(SshPathGuard.refusal(state, files, firewallOnly, PUBLIC)).hasValueSatisfying(m -> assertThat(m)
                .contains("the firewall's stealth policy").doesNotContain("sshd's drop-in"));

        HostFacts dropInEdited = TestFacts.applied(state, files).editFile(SSHD_DROP_IN, c -> c + "ListenAddress 198.51.100.1\n").build();
        HostPlan sshdOnly = Planner.plan(state, files, dropInEdited);
        assertThat(SshPathGuard.refusal(state, files, sshdOnly, PUBLIC)).hasValueSatisfying(m -> assertThat(m)
                .contains("sshd's drop-in").doesNotContain("firewall"));
    }

    @Test
    void anSshdDropInThatIsNotInstalledCannotCutThePath() {
        HostState state = state(f -> f.firewall(Backend.AUTO, Policy.OPEN, false).service("sshd", ServiceKind.SSHD, "mgmt", 0));
        List<RenderedFile> withoutDropIn = TestFacts.render(state).stream().filter(f -> !f.path().equals(SSHD_DROP_IN)).toList();
        HostPlan plan = Planner.plan(state, withoutDropIn, TestFacts.fresh().service("sshd", false).build());
        assertThat(SshPathGuard.refusal(state, withoutDropIn, plan, PUBLIC)).isEmpty();
    }

    @Test
    void anUnreachableHostHasNothingToCut() {
        HostState state = state(f -> f.firewall(Backend.AUTO, Policy.STEALTH, false));
        assertThat(SshPathGuard.refusal(state, TestFacts.render(state), HostPlan.unreachable("lab-1", "connection refused"), PUBLIC)).isEmpty();
    }

    @Test
    void ipv6PathsCompareAsAddresses() {
        HostState state = state(f -> f.firewall(Backend.AUTO, Policy.STEALTH, false).plane("v6", p -> p.subnet("fd00:10::/64").members("all"))
                .service("sshd", ServiceKind.SSHD, "v6", 0));
        List<RenderedFile> files = TestFacts.render(state);
        HostPlan plan = Planner.plan(state, files, TestFacts.fresh().service("sshd", true).build());
        assertThat(SshPathGuard.refusal(state, files, plan, new SshPath("fd00:10:0:0:0:0:0:1", 22))).as("the long form of fd00:10::1").isEmpty();
        assertThat(SshPathGuard.refusal(state, files, plan, new SshPath("fd00:10::2", 22))).hasValueSatisfying(m ->
                assertThat(m).contains("path to [fd00:10::2]:22"));
    }

    private static Optional<String> refusal(UnaryOperator<TestFleets.Builder> setup, SshPath path) {
        HostState state = state(setup);
        List<RenderedFile> files = TestFacts.render(state);
        HostPlan plan = Planner.plan(state, files, TestFacts.fresh().service("sshd", true).build());
        return SshPathGuard.refusal(state, files, plan, path);
    }

    /** lab-1 and lab-2 on mgmt (10.200.0.0/24); {@code setup} may replace lab-1 and add planes, services, a firewall. */
    private static HostState state(UnaryOperator<TestFleets.Builder> setup) {
        TestFleets.Builder b = TestFleets.fleet()
                .host("lab-1", "198.51.100.1")
                .host("lab-2", "198.51.100.2")
                .plane("mgmt", p -> p.subnet("10.200.0.0/24").members("all"));
        return TestFacts.state(TestFacts.desired(setup.apply(b).build()), "lab-1");
    }
}
