package dev.wgform.transport;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class MessagesTest {
    @Test
    void durationsReadNaturally() {
        assertThat(Messages.duration(Duration.ofSeconds(10))).isEqualTo("10 s");
        assertThat(Messages.duration(Duration.ofMillis(1500))).isEqualTo("1.5 s");
        assertThat(Messages.duration(Duration.ofMillis(300))).isEqualTo("300 ms");
    }

    @Test
    void theReasonIsTheOuterMessageElseTheInnermost() {
        assertThat(Messages.reason(new IOException("outer", new IOException("inner")))).isEqualTo("outer");
        assertThat(Messages.reason(new RuntimeException(null, new IOException("inner")))).isEqualTo("inner");
        assertThat(Messages.reason(new IllegalStateException())).isEqualTo("IllegalStateException");
    }
}
