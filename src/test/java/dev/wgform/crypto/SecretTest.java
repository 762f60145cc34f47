package dev.wgform.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SecretTest {
    @Test
    void neverShowsItselfAsText() {
        Secret s = Secret.randomPsk();
        String value = s.base64ForTransfer();
        String hex = java.util.HexFormat.of().formatHex(Base64.getDecoder().decode(value));

        for (String shown : List.of(s.toString(), String.valueOf(s), "" + s, String.format("%s", s), List.of(s).toString(),
                new Holder(s).toString())) {
            assertThat(shown).doesNotContain(value).doesNotContain(hex).doesNotContain(value.substring(0, 8));
        }
        assertThat(s.toString()).isEqualTo("(sensitive)");
        assertThat(new Holder(s).toString()).isEqualTo("Holder[secret=(sensitive)]");
    }

    record Holder(Secret secret) {}

    @Test
    void randomPskIs32FreshBytesAndDoesNotBlock() {
        long start = System.nanoTime();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            Secret s = Secret.randomPsk();
            assertThat(s.length()).isEqualTo(32);
            assertThat(Base64.getDecoder().decode(s.base64ForTransfer())).hasSize(32);
            seen.add(s.base64ForTransfer());
        }
        assertThat(seen).hasSize(200);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void pskLooksLikeWhatWgGenpskPrints() {
        assertThat(Secret.randomPsk().base64ForTransfer()).matches("[A-Za-z0-9+/]{43}=");
    }

    @Test
    void destroyZeroesAndForbidsReading() {
        byte[] raw = {1, 2, 3};
        Secret s = Secret.ofBytes(raw);
        raw[0] = 9; // the secret holds its own copy
        assertThat(Base64.getDecoder().decode(s.base64ForTransfer())).containsExactly(1, 2, 3);
        s.destroy();
        assertThat(s.isDestroyed()).isTrue();
        assertThatThrownBy(s::base64ForTransfer).isInstanceOf(IllegalStateException.class).hasMessageNotContaining("1");
        assertThat(s.toString()).isEqualTo("(sensitive)");
    }

    @Test
    void equalityIsIdentity() {
        Secret a = Secret.ofBytes(new byte[] {1});
        Secret b = Secret.ofBytes(new byte[] {1});
        assertThat(a).isNotEqualTo(b).isEqualTo(a);
    }
}
