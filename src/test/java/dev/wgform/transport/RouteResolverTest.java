package dev.wgform.transport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** ssh config precedence and jump chains, without a network. */
class RouteResolverTest {
    private static final String LOCAL_USER = System.getProperty("user.name");

    @TempDir
    Path dir;

    private final Path defaultKey = Path.of("/home/me/.ssh/id_ed25519");

    @Test
    void withoutAConfigTheTargetIsTakenAsItIs() throws Exception {
        Route route = new RouteResolver(Optional.empty(), List.of(defaultKey)).resolve(target("203.0.113.10", 22));

        assertThat(route.jumps()).isEmpty();
        assertThat(route.target()).isEqualTo(new Hop("203.0.113.10", 22, LOCAL_USER, List.of(defaultKey), false));
    }

    @Test
    void theMatchingHostBlockSuppliesHostNamePortUserAndIdentityFile() throws Exception {
        RouteResolver resolver = resolver("""
                Host db-*
                  HostName 198.51.100.20
                  Port 2222
                  User deploy
                  IdentityFile /keys/deploy
                Host *
                  User fallback
                """);

        Hop hop = resolver.resolve(target("db-1", 22)).target();

        assertThat(hop).isEqualTo(new Hop("198.51.100.20", 2222, "deploy", List.of(Path.of("/keys/deploy")), true));
    }

    @Test
    void explicitInventoryValuesWinOverTheConfig() throws Exception {
        RouteResolver resolver = resolver("""
                Host db-1
                  Port 2222
                  User deploy
                  IdentityFile /keys/deploy
                """);
        SshTarget explicit = new SshTarget("db-1", "db-1", 2200, Optional.of("admin"), Optional.of(Path.of("/keys/admin")),
                false, Optional.empty());

        Hop hop = resolver.resolve(explicit).target();

        assertThat(hop).isEqualTo(new Hop("db-1", 2200, "admin", List.of(Path.of("/keys/admin")), true));
    }

    @Test
    void hostNameMayReferToTheAliasWithPercentH() throws Exception {
        RouteResolver resolver = resolver("""
                Host *.lan
                  HostName %h.example.org
                """);

        assertThat(resolver.resolve(target("db.lan", 22)).target().hostName()).isEqualTo("db.lan.example.org");
    }

    @Test
    void aProxyJumpFromTheConfigIsResolvedThroughTheConfigToo() throws Exception {
        RouteResolver resolver = resolver("""
                Host db-*
                  ProxyJump bastion
                Host bastion
                  HostName 198.51.100.1
                  Port 2200
                  User jumper
                """);

        Route route = resolver.resolve(target("db-1", 22));

        assertThat(route.jumps()).containsExactly(new Hop("198.51.100.1", 2200, "jumper", List.of(defaultKey), false));
        assertThat(route.target().hostName()).isEqualTo("db-1");
    }

    @Test
    void theTargetsProxyJumpWinsAndListsSeveralHopsInOrder() throws Exception {
        RouteResolver resolver = resolver("""
                Host db-*
                  ProxyJump ignored
                """);
        SshTarget target = new SshTarget("db-1", "db-1", 22, Optional.empty(), Optional.empty(), false,
                Optional.of("alice@outer.example:2022,[2001:db8::1]"));

        Route route = resolver.resolve(target);

        assertThat(route.jumps()).extracting(Hop::address, Hop::user)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("outer.example:2022", "alice"),
                        org.assertj.core.groups.Tuple.tuple("[2001:db8::1]:22", LOCAL_USER));
    }

    @Test
    void aJumpHostsOwnProxyJumpComesBeforeIt() throws Exception {
        RouteResolver resolver = resolver("""
                Host db-1
                  ProxyJump inner
                Host inner
                  ProxyJump outer
                """);

        assertThat(resolver.resolve(target("db-1", 22)).jumps()).extracting(Hop::hostName).containsExactly("outer", "inner");
    }

    @Test
    void proxyJumpNoneMeansDirect() throws Exception {
        RouteResolver resolver = resolver("""
                Host db-1
                  ProxyJump none
                """);

        assertThat(resolver.resolve(target("db-1", 22)).jumps()).isEmpty();
    }

    @Test
    void aProxyJumpLoopIsReported() throws Exception {
        RouteResolver resolver = resolver("""
                Host *
                  ProxyJump bastion
                """);

        assertThatThrownBy(() -> resolver.resolve(target("db-1", 22)))
                .isInstanceOf(ConnectFailure.class)
                .hasMessageContaining("ProxyJump loop");
    }

    @Test
    void aMalformedProxyJumpIsReported() {
        SshTarget target = new SshTarget("db-1", "db-1", 22, Optional.empty(), Optional.empty(), false,
                Optional.of("user@:x"));

        assertThatThrownBy(() -> new RouteResolver(Optional.empty(), List.of()).resolve(target))
                .isInstanceOf(ConnectFailure.class)
                .hasMessage("invalid ProxyJump host 'user@:x' (expected [user@]host[:port])");
    }

    /** Hosts are connected from parallel threads; each must see the config, the first lookups included (unsynchronized, this failed within 100 rounds). */
    @Test
    void parallelFirstLookupsAllSeeTheProxyJump() throws Exception {
        for (int round = 0; round < 300; round++) {
            RouteResolver resolver = resolver("Host 10.200.0.*\n  ProxyJump root@198.51.100.2\n");
            List<java.util.concurrent.Callable<Route>> lookups = new java.util.ArrayList<>();
            for (int i = 1; i <= 16; i++) {
                String address = "10.200.0." + i;
                lookups.add(() -> resolver.resolve(target(address, 22)));
            }
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(16);
            try {
                for (java.util.concurrent.Future<Route> f : pool.invokeAll(lookups)) {
                    assertThat(f.get().jumps()).as("round %d", round).hasSize(1);
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void anInventoryJumpHostIsLoggedIntoWithItsOwnSettings() throws Exception {
        RouteResolver resolver = new RouteResolver(Optional.empty(), List.of(defaultKey));
        SshTarget bastion = new SshTarget("bastion", "203.0.113.1", 2222, Optional.of("jump"),
                Optional.of(Path.of("/keys/bastion")), false, Optional.empty());
        SshTarget behind = new SshTarget("db-1", "10.200.0.3", 22, Optional.of("root"), Optional.of(Path.of("/keys/db")),
                true, Optional.empty()).via(bastion);

        Route route = resolver.resolve(behind);

        assertThat(route.jumps()).containsExactly(new Hop("203.0.113.1", 2222, "jump", List.of(Path.of("/keys/bastion")), true));
        assertThat(route.target()).isEqualTo(new Hop("10.200.0.3", 22, "root", List.of(Path.of("/keys/db")), true));
    }

    @Test
    void anInventoryJumpHostWinsOverTheConfigsProxyJumpButKeepsItsOwn() throws Exception {
        RouteResolver resolver = resolver("""
                Host 10.200.0.*
                  ProxyJump other
                Host 203.0.113.1
                  ProxyJump outer
                Host outer
                  HostName 198.51.100.9
                  User gate
                """);
        SshTarget bastion = new SshTarget("bastion", "203.0.113.1", 22, Optional.empty(), Optional.empty(), false, Optional.empty());

        Route route = resolver.resolve(target("10.200.0.3", 22).via(bastion));

        assertThat(route.jumps()).extracting(Hop::hostName).containsExactly("198.51.100.9", "203.0.113.1");
        assertThat(route.jumps().get(0).user()).isEqualTo("gate");
        assertThat(route.target().hostName()).isEqualTo("10.200.0.3");
    }

    @Test
    void jumpHostsChainInOrder() throws Exception {
        RouteResolver resolver = new RouteResolver(Optional.empty(), List.of(defaultKey));
        SshTarget outer = new SshTarget("outer", "203.0.113.1", 22, Optional.of("a"), Optional.empty(), false, Optional.empty());
        SshTarget inner = new SshTarget("inner", "10.0.0.1", 22, Optional.of("b"), Optional.empty(), false, Optional.empty()).via(outer);

        Route route = resolver.resolve(target("10.0.1.1", 22).via(inner));

        assertThat(route.jumps()).extracting(Hop::hostName).containsExactly("203.0.113.1", "10.0.0.1");
        assertThat(route.jumps()).extracting(Hop::user).containsExactly("a", "b");
    }

    @Test
    void aTargetCannotHaveBothAProxyJumpAndAJumpHost() {
        SshTarget bastion = target("203.0.113.1", 22);
        assertThatThrownBy(() -> new SshTarget("db-1", "10.0.0.1", 22, Optional.empty(), Optional.empty(), false,
                Optional.of("gate"), Optional.of(bastion))).isInstanceOf(IllegalArgumentException.class);
    }

    private RouteResolver resolver(String config) throws Exception {
        Path file = dir.resolve("config");
        Files.writeString(file, config);
        return new RouteResolver(Optional.of(file), List.of(defaultKey));
    }

    private static SshTarget target(String address, int port) {
        return new SshTarget("db-1", address, port, Optional.empty(), Optional.empty(), false, Optional.empty());
    }
}
