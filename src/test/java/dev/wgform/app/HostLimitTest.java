package dev.wgform.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wgform.inventory.FleetLoader;
import dev.wgform.model.Host;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HostLimitTest {
    private static List<Host> hosts() throws Exception {
        return FleetLoader.load(Path.of("inventories/four-plane.yml"), Path.of("playbooks/four-plane.yml")).fleet().inventory().hosts();
    }

    private static List<String> limited(String limit) throws Exception {
        HostLimit l = HostLimit.of(Optional.ofNullable(limit));
        return hosts().stream().filter(l::includes).map(Host::name).toList();
    }

    @Test
    void noLimitIncludesEveryHost() throws Exception {
        assertThat(limited(null)).containsExactly("db-1", "mon-1", "web-1", "web-2");
    }

    @Test
    void namesGroupsAndWildcardsCombineWithCommas() throws Exception {
        assertThat(limited("web")).containsExactly("web-1", "web-2");          // a group
        assertThat(limited("db-1, mon-?")).containsExactly("db-1", "mon-1");    // a host and a wildcard
        assertThat(limited("*-2")).containsExactly("web-2");
        assertThat(limited("nothing-here")).isEmpty();
    }
}
