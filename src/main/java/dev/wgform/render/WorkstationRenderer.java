package dev.wgform.render;

import dev.wgform.desired.Peer;
import dev.wgform.desired.PeerKey;
import dev.wgform.model.AddressText;
import dev.wgform.model.Cidr;
import dev.wgform.model.InvalidInputException;
import dev.wgform.model.SourceRef;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Renders an admin workstation's own wg-quick file from {@code workstation.conf.ftl} (overridable with
 * {@code --templates DIR} like every template). Values are checked as for the hosts' files.
 */
public final class WorkstationRenderer {
    static final String TEMPLATE = "workstation.conf.ftl";

    private final TemplateEngine engine;

    public WorkstationRenderer(Optional<Path> templatesDir) {
        this.engine = new TemplateEngine(templatesDir);
    }

    /**
     * @param name           the enrolment's name
     * @param plane          its plane
     * @param address        its plane address
     * @param prefixLength   the plane subnet's prefix length
     * @param privateKeyPath the local key file PostUp loads (the key itself is never in the file)
     * @param peers          the members it dials, each with a known key and an endpoint
     * @param source         where the enrolment is recorded, for problems
     */
    public String render(String name, String plane, InetAddress address, int prefixLength, Path privateKeyPath, List<Peer> peers,
                         SourceRef source) throws InvalidInputException {
        engine.checkSetup();
        ValueChecks checks = new ValueChecks();
        Map<String, Object> m = new HashMap<>();
        m.put("name", checks.check(name, ValueChecks.NAME, source, "name", "workstation name"));
        m.put("plane", checks.check(plane, ValueChecks.NAME, source, "plane", "plane name"));
        m.put("address", AddressText.of(address) + "/" + prefixLength);
        m.put("privateKeyPath", checks.path(privateKeyPath.toString(), source, "dir"));
        List<Object> peerModels = new ArrayList<>();
        for (Peer p : peers) {
            if (!(p.key() instanceof PeerKey.Known)) throw new IllegalArgumentException(p.host() + "'s key is not known");
            Map<String, Object> pm = new HashMap<>();
            pm.put("host", checks.check(p.host(), ValueChecks.NAME, source, "peer", "peer host name"));
            pm.put("publicKey", checks.check(((PeerKey.Known) p.key()).publicKey(), ValueChecks.PUBLIC_KEY, source, "peer", "public key"));
            pm.put("allowedIps", join(p.allowedIps()));
            pm.put("endpoint", checks.check(p.endpoint().orElseThrow(() -> new IllegalArgumentException(p.host() + " has no endpoint")),
                    ValueChecks.ENDPOINT, source, "wg_endpoint", "endpoint of peer " + ValueChecks.quoted(p.host()) + ":"));
            pm.put("keepalive", Integer.toString(p.keepalive().orElse(25)));
            peerModels.add(pm);
        }
        m.put("peers", peerModels);
        checks.throwIfAny();
        return engine.render(TEMPLATE, FrozenModel.hash(Map.of("workstation", m)), "the workstation's wg-quick file");
    }

    private static String join(List<Cidr> cidrs) {
        List<String> parts = new ArrayList<>();
        for (Cidr c : cidrs) parts.add(AddressText.of(c));
        return String.join(", ", parts);
    }
}
