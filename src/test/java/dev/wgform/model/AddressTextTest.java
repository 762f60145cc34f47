package dev.wgform.model;

import static dev.wgform.desired.TestFleets.cidr;
import static dev.wgform.desired.TestFleets.ip;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AddressTextTest {
    @Test
    void ipv6IsWrittenInRfc5952Form() {
        assertThat(AddressText.of(ip("fd00:0:0:0:0:0:0:1"))).isEqualTo("fd00::1");
        assertThat(AddressText.of(ip("2001:db8:0:0:1:0:0:1"))).as("the first of equal runs").isEqualTo("2001:db8::1:0:0:1");
        assertThat(AddressText.of(ip("2001:db8:0:1:0:0:0:1"))).as("the longest run").isEqualTo("2001:db8:0:1::1");
        assertThat(AddressText.of(ip("2001:DB8:0:0:0:0:0:0"))).isEqualTo("2001:db8::");
        assertThat(AddressText.of(ip("2001:db8:1:2:3:4:5:6"))).isEqualTo("2001:db8:1:2:3:4:5:6");
        assertThat(AddressText.of(cidr("::/0"))).isEqualTo("::/0");
        assertThat(AddressText.of(ip("::1"))).isEqualTo("::1");
    }

    @Test
    void ipv4IsUnchanged() {
        assertThat(AddressText.of(cidr("10.1.2.3/24"))).isEqualTo("10.1.2.0/24");
        assertThat(AddressText.of(ip("203.0.113.7"))).isEqualTo("203.0.113.7");
    }
}
