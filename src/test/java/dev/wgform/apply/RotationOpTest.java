package dev.wgform.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wgform.crypto.Secret;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Rotation ops check every value before it can reach a script line, and the one secret stays out of toString. */
class RotationOpTest {
    static final String K1 = "A".repeat(43) + "=";
    static final String K2 = "B".repeat(42) + "g=";
    static final String KEY = "/etc/wireguard/keys/wg-mgmt.key";
    static final String PSK = "/etc/wireguard/keys/wg-mgmt/node-b.psk";
    static final List<String> IPS = List.of("10.200.0.1/32");

    static List<String> badKeys() {
        return List.of("", "short=", "A".repeat(42) + "B=", "A".repeat(44), "A".repeat(42) + "A==", "A".repeat(42) + "$(reboot)",
                "A".repeat(42) + "A= ", "A".repeat(40) + "-_A=", "A".repeat(43) + "=\n");
    }

    @ParameterizedTest
    @MethodSource("badKeys")
    void badPublicKeysAreRefusedEverywhereTheyGo(String bad) {
        assertThatThrownBy(() -> new RotationOp.Stage("wg-mgmt", bad, "", "")).hasMessageContaining("not a WireGuard public key");
        assertThatThrownBy(() -> new RotationOp.LivePsk("wg-mgmt", bad, PSK)).hasMessageContaining("not a WireGuard public key");
        assertThatThrownBy(() -> new RotationOp.Move("wg-mgmt", K1, bad, IPS, 0)).hasMessageContaining("not a WireGuard public key");
        assertThatThrownBy(() -> new RotationOp.Move("wg-mgmt", bad, K1, IPS, 0)).hasMessageContaining("not a WireGuard public key");
        assertThatThrownBy(() -> new RotationOp.Restore("wg-mgmt", bad, K1, IPS, "", 0, "")).hasMessageContaining("not a WireGuard public key");
        assertThatThrownBy(() -> new RotationOp.Unstage("wg-mgmt", bad)).hasMessageContaining("not a WireGuard public key");
        assertThatThrownBy(() -> new RotationOp.Probe(bad, "10.200.0.1")).hasMessageContaining("not a WireGuard public key");
    }

    @Test
    void keysAsWgPrintsThemAreAccepted() {
        for (String last : List.of("A", "E", "I", "M", "Q", "U", "Y", "c", "g", "k", "o", "s", "w", "0", "4", "8")) {
            new RotationOp.Unstage("wg-mgmt", "a+/9".repeat(10) + "Zz" + last + "=");
        }
        assertThat(dev.wgform.crypto.WgKeys.isValidKeyText(FakeHost.realWg("pubkey", FakeHost.realWg("genkey", "") + "\n"))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"203.0.113.10", "203.0.113.10:", ":51820", "[2001:db8::1]", "2001:db8::1:51820x", "host name:1",
            "host;reboot:51820", "$(x):1", "203.0.113.10:123456", "[2001:db8::1]:51820 "})
    void badEndpointsAreRefused(String bad) {
        assertThatThrownBy(() -> new RotationOp.Stage("wg-mgmt", K1, bad, "")).hasMessageContaining("not an endpoint");
        assertThatThrownBy(() -> new RotationOp.Restore("wg-mgmt", K1, K2, IPS, bad, 0, "")).hasMessageContaining("not an endpoint");
    }

    @Test
    void goodEndpointsAndNoEndpointAreAccepted() {
        for (String ok : List.of("", "203.0.113.10:51820", "[2001:db8::1]:443", "vpn.example.com:51820")) {
            assertThat(new RotationOp.Stage("wg-mgmt", K1, ok, "").endpoint()).isEqualTo(ok);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.200.0.1", "10.200.0.1/32 ", "10.200.0.1/32;reboot", "10.200.0.1/1234", "all", ""})
    void badAllowedIpsAreRefused(String bad) {
        assertThatThrownBy(() -> new RotationOp.Move("wg-mgmt", K1, K2, List.of(bad), 0)).hasMessageContaining("not a list of CIDRs");
        assertThatThrownBy(() -> new RotationOp.Restore("wg-mgmt", K1, K2, List.of("10.0.0.0/8", bad), "", 0, ""))
                .hasMessageContaining("not a list of CIDRs");
    }

    @Test
    void allowedIpsMustNotBeEmptyAndAreJoinedWithCommas() {
        assertThatThrownBy(() -> new RotationOp.Move("wg-mgmt", K1, K2, List.of(), 0)).hasMessageContaining("not a list of CIDRs");
        assertThat(new RotationOp.Move("wg-mgmt", K1, K2, List.of("10.200.0.1/32", "fd00::1/128", "192.168.1.0/24"), 25).line())
                .isEqualTo("rot_move 'wg-mgmt' '" + K1 + "' '" + K2 + "' '10.200.0.1/32,fd00::1/128,192.168.1.0/24' 25");
    }

    @Test
    void keepaliveMustBeAUint16() {
        assertThatThrownBy(() -> new RotationOp.Move("wg-mgmt", K1, K2, IPS, -1)).hasMessageContaining("keepalive out of range: -1");
        assertThatThrownBy(() -> new RotationOp.Move("wg-mgmt", K1, K2, IPS, 65536)).hasMessageContaining("keepalive out of range");
        assertThatThrownBy(() -> new RotationOp.Restore("wg-mgmt", K1, K2, IPS, "", 70000, "")).hasMessageContaining("keepalive out of range");
        assertThat(new RotationOp.Move("wg-mgmt", K1, K2, IPS, 65535).keepalive()).isEqualTo(65535);
    }

    @Test
    void onlyNextAndPrevFilesAreDropped() {
        assertThat(new RotationOp.Drop(KEY + ".next").line()).isEqualTo("rot_drop '" + KEY + ".next'");
        assertThat(new RotationOp.Drop(PSK + ".prev").line()).isEqualTo("rot_drop '" + PSK + ".prev'");
        assertThatThrownBy(() -> new RotationOp.Drop(KEY)).hasMessageContaining("only .next and .prev files are dropped");
        assertThatThrownBy(() -> new RotationOp.Drop(KEY + ".nextx")).hasMessageContaining("only .next and .prev");
        assertThatThrownBy(() -> new RotationOp.Drop("/etc/wireguard/../shadow.prev")).hasMessageContaining("must not contain . or ..");
        assertThatThrownBy(() -> new RotationOp.Drop("relative.next")).hasMessageContaining("absolute path");
    }

    @Test
    void namesAndPathsAreChecked() {
        assertThatThrownBy(() -> new RotationOp.Prepare("wg-$(reboot)", KEY, true)).hasMessageContaining("not a WireGuard interface name");
        assertThatThrownBy(() -> new RotationOp.Prepare("wg-this-name-is-too-long", KEY, true)).hasMessageContaining("interface name");
        assertThatThrownBy(() -> new RotationOp.Prepare("wg-mgmt", "/etc/wire guard/k", true)).hasMessageContaining("key path");
        assertThatThrownBy(() -> new RotationOp.Promote("/etc/wireguard/'k")).hasMessageContaining("absolute path");
        assertThatThrownBy(() -> new RotationOp.Demote("")).hasMessageContaining("absolute path");
        assertThatThrownBy(() -> new RotationOp.LiveKey("wg-mgmt", "keys/k")).hasMessageContaining("key path");
        assertThatThrownBy(() -> new RotationOp.Stage("wg-mgmt", K1, "", "psk")).hasMessageContaining("PSK path");
        assertThatThrownBy(() -> new RotationOp.Restore("wg-mgmt", K1, K2, IPS, "", 0, "x y")).hasMessageContaining("PSK path");
        assertThatThrownBy(() -> new RotationOp.PushNextPsk("/a/../b", Secret.randomPsk())).hasMessageContaining("PSK path");
    }

    @Test
    void addressesTimesAndPskLengthsAreChecked() {
        assertThatThrownBy(() -> new RotationOp.Ping("10.200.0.1; reboot", 1)).hasMessageContaining("not an address");
        assertThatThrownBy(() -> new RotationOp.Ping("10.200.0.1", -1)).hasMessageContaining("timeout must not be negative");
        assertThatThrownBy(() -> new RotationOp.Probe(K1, "node-b")).hasMessageContaining("not an address");
        assertThatThrownBy(() -> new RotationOp.AwaitHandshakes("wg-mgmt", -1, 5, List.of())).hasMessageContaining("must not be negative");
        assertThatThrownBy(() -> new RotationOp.AwaitHandshakes("wg-mgmt", 5, -1, List.of())).hasMessageContaining("must not be negative");
        assertThatThrownBy(() -> new RotationOp.PushNextPsk(PSK, Secret.ofBytes(new byte[16]))).hasMessageContaining("a PSK is 32 bytes");
        assertThatThrownBy(() -> new RotationOp.PushNextPsk(PSK, null)).hasMessageContaining("a PSK is 32 bytes");
    }

    @Test
    void linesQuoteEveryValue() {
        assertThat(new RotationOp.Prepare("wg-mgmt", KEY, true).line()).isEqualTo("rot_prepare 'wg-mgmt' '" + KEY + "' 1");
        assertThat(new RotationOp.Prepare("wg-mgmt", KEY, false).line()).isEqualTo("rot_prepare 'wg-mgmt' '" + KEY + "' 0");
        assertThat(new RotationOp.Stage("wg-mgmt", K1, "203.0.113.10:51820", PSK + ".next").line())
                .isEqualTo("rot_stage 'wg-mgmt' '" + K1 + "' '203.0.113.10:51820' '" + PSK + ".next'");
        assertThat(new RotationOp.Stage("wg-mgmt", K1, "", "").line()).isEqualTo("rot_stage 'wg-mgmt' '" + K1 + "' '' ''");
        assertThat(new RotationOp.Restore("wg-mgmt", K1, K2, IPS, "", 0, PSK).line())
                .isEqualTo("rot_restore 'wg-mgmt' '" + K1 + "' '" + K2 + "' '10.200.0.1/32' '' 0 '" + PSK + "'");
        assertThat(new RotationOp.Ping("fd00::2", 3).line()).isEqualTo("rot_ping 'fd00::2' 3");
        assertThat(new RotationOp.AwaitHandshakes("wg-mgmt", 1700000000L, 30,
                List.of(new RotationOp.Probe(K1, "10.200.0.2"), new RotationOp.Probe(K2, "fd00::3"))).line())
                .isEqualTo("rot_await 'wg-mgmt' 1700000000 30 <<'WGFORM_DATA_END'\n" + K1 + " 10.200.0.2\n" + K2 + " fd00::3\nWGFORM_DATA_END");
    }

    @Test
    void aNextPskTravelsOnlyInsideAHeredocAndNeverInToString() {
        Secret psk = Secret.randomPsk();
        RotationOp.PushNextPsk op = new RotationOp.PushNextPsk(PSK, psk);

        assertThat(op.line()).isEqualTo("write_psk '" + PSK + ".next' <<'WGFORM_DATA_END'\n" + psk.base64ForTransfer() + "\nWGFORM_DATA_END");
        ScriptSecrets.assertOnlyInsideHeredocs(RotationScript.build(List.of(op)), psk.base64ForTransfer());
        assertThat(op.toString()).isEqualTo("PushNextPsk[" + PSK + ", (sensitive)]").doesNotContain(psk.base64ForTransfer());
        assertThat(List.of(op).toString()).doesNotContain(psk.base64ForTransfer());
    }

    @Test
    void aScriptNeedsAtLeastOneOpAndEndsWithItsEndMarkerAfterTheLock() {
        assertThatThrownBy(() -> RotationScript.build(List.of())).hasMessageContaining("at least one op");
        String script = RotationScript.build(List.of(new RotationOp.Promote(KEY)));
        assertThat(script).startsWith("#!/bin/sh\n").endsWith("rot_promote '" + KEY + "'\nsay \"@@end\"\n");
        assertThat(script.indexOf("take_lock '")).isPositive().isLessThan(script.indexOf("rot_promote '"));
    }
}
