package dev.wgform.render;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ValueChecksTest {
    @Test
    void pathsMustBeCleanAndAbsolute() {
        assertThat(ValueChecks.isCleanAbsolutePath("/etc/wireguard/keys/wg-mgmt/node-b.psk")).isTrue();
        assertThat(ValueChecks.isCleanAbsolutePath("/etc/postgresql/9.6/main/conf.d/wgform.conf")).isTrue();
        assertThat(ValueChecks.isCleanAbsolutePath("/etc/.hidden")).isTrue();
        for (String bad : new String[] {"", "/", "etc/x", "/etc/../x", "/etc/./x", "/etc//x", "/etc/x/", "/etc/a b",
                "/etc/x\n", "/etc/\"x", "/etc/..", "/."}) {
            assertThat(ValueChecks.isCleanAbsolutePath(bad)).as(bad).isFalse();
        }
    }

    @Test
    void endpointsAreHostOrBracketedIpv6WithAPort() {
        for (String good : new String[] {"203.0.113.1:51820", "[2001:db8::1]:443", "vpn.example.com:51820"}) {
            assertThat(ValueChecks.ENDPOINT.test(good)).as(good).isTrue();
        }
        for (String bad : new String[] {"203.0.113.1", "2001:db8::1:51820x", "[2001:db8::1]", "[zz::1]:1", "host:123456",
                "host\n:1", ":51820", "-x:1", "a b:1"}) {
            assertThat(ValueChecks.ENDPOINT.test(bad)).as(bad).isFalse();
        }
    }

    @Test
    void namesKeysAndInterfaces() {
        assertThat(ValueChecks.NAME.test("node-a.example_1")).isTrue();
        assertThat(ValueChecks.NAME.test("../x")).isFalse();
        assertThat(ValueChecks.NAME.test("a/b")).isFalse();
        assertThat(ValueChecks.INTERFACE.test("wg-mgmt")).isTrue();
        assertThat(ValueChecks.INTERFACE.test("a-very-long-interface")).isFalse();
        assertThat(ValueChecks.INTERFACE.test("eth0\"")).isFalse();
        assertThat(ValueChecks.PUBLIC_KEY.test("YWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWE=")).isTrue();
        assertThat(ValueChecks.PUBLIC_KEY.test("YWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWE")).isFalse();
        assertThat(ValueChecks.quoted("a\nb")).isEqualTo("'a\\x0ab'");
    }
}
