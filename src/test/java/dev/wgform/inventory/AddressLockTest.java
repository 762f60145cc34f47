package dev.wgform.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.wgform.model.Cidr;
import dev.wgform.model.InvalidInputException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The lock file's format: deterministic, and it reads back what it wrote. */
class AddressLockTest {
    private static InetAddress ip(String text) {
        return Cidr.parseAddress(text).orElseThrow();
    }

    private static AddressLock sample() {
        Map<String, Map<String, InetAddress>> planes = new LinkedHashMap<>();
        Map<String, InetAddress> mgmt = new LinkedHashMap<>();
        mgmt.put("web-2", ip("10.200.0.3"));
        mgmt.put("db-1", ip("10.200.0.10"));
        planes.put("mgmt", mgmt);
        planes.put("v6", Map.of("yes", ip("fd00::1"), "odd name", ip("fd00::2")));
        return new AddressLock(planes);
    }

    @Test
    void roundTrips() throws Exception {
        AddressLock lock = sample();
        AddressLock back = AddressLock.parse(lock.toYaml(), "x.lock.yml");
        assertThat(back).isEqualTo(lock);
        assertThat(back.toYaml()).isEqualTo(lock.toYaml());
    }

    @Test
    void writesPlanesAndHostsSortedWhateverTheMapOrder() {
        assertThat(sample().toYaml()).endsWith("""
                version: 1
                addresses:
                  mgmt:
                    db-1: 10.200.0.10
                    web-2: 10.200.0.3
                  v6:
                    "odd name": "fd00::2"
                    yes: "fd00::1"
                """);
        assertThat(sample().toYaml()).startsWith("# wgform address allocations");
    }

    @Test
    void emptyLock() throws Exception {
        assertThat(AddressLock.empty().toYaml()).endsWith("version: 1\naddresses: {}\n");
        assertThat(AddressLock.parse(AddressLock.empty().toYaml(), "x").isEmpty()).isTrue();
        assertThat(AddressLock.read(Path.of("no/such/file.lock.yml"))).isEqualTo(AddressLock.empty());
    }

    @Test
    void wrongVersionIsAProblem() {
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class,
                () -> AddressLock.parse("version: 2\naddresses: {}\n", "x.lock.yml"));
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.where().line()).isEqualTo(1);
            assertThat(p.message()).contains("needs version: 1");
        });
    }

    @Test
    void unknownKeysAreProblems() {
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class,
                () -> AddressLock.parse("version: 1\nadresses: {}\n", "x.lock.yml"));
        assertThat(e.problems()).singleElement().satisfies(p -> assertThat(p.message()).contains("did you mean 'addresses'?"));
    }
}
