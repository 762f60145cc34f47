package dev.wgform.app;

import dev.wgform.desired.HostState;
import dev.wgform.facts.HostFacts;
import dev.wgform.model.FirewallSettings;
import java.util.ArrayList;
import java.util.List;

/**
 * The packages a host lacks for what the playbook asks of it, and the command that installs them with the host's
 * own package manager (only when the admin says so: {@code apply --install-packages}).
 */
final class PackageInstall {
    private PackageInstall() {}

    static List<String> missing(HostState desired, HostFacts facts) {
        List<String> out = new ArrayList<>();
        if (!desired.interfaces().isEmpty() && (!facts.has("wg") || !facts.has("wg-quick"))) out.add("wireguard-tools");
        FirewallSettings.Backend backend = desired.firewall().backend();
        if (backend == FirewallSettings.Backend.NFTABLES && !facts.has("nft")) out.add("nftables");
        if (backend == FirewallSettings.Backend.FIREWALLD && !facts.has("firewall-cmd")) out.add("firewalld");
        return out;
    }

    /** A note for the plan, naming what is missing and how to get it. */
    static String note(List<String> packages) {
        return "missing " + String.join(", ", packages) + ": install " + (packages.size() == 1 ? "it" : "them")
                + " or run apply with --install-packages";
    }

    /** One remote command; package names come from the fixed set above, never from input. */
    static String script(HostFacts facts, List<String> packages) {
        String names = String.join(" ", packages);
        if (facts.os().family().equals("redhat")) {
            return "set -e\nif command -v dnf >/dev/null 2>&1; then dnf install -y -q " + names + "; else yum install -y -q " + names + "; fi\n";
        }
        return "set -e\nexport DEBIAN_FRONTEND=noninteractive\n"
                + "apt-get install -y -q --no-install-recommends " + names + " </dev/null >/dev/null 2>&1"
                + " || { apt-get update -q </dev/null >/dev/null && apt-get install -y -q --no-install-recommends " + names + " </dev/null; }\n";
    }
}
