package dev.wgform.model;

import java.util.List;
import java.util.Locale;

/**
 * The playbook's {@code firewall:} section.
 *
 * @param backend       auto (nftables on Debian, firewalld on RHEL), nftables, firewalld, or none
 * @param policy        stealth: only WireGuard ports (and allowPublic) on the public interface; open: add rules, drop nothing
 * @param allowPublic   extra public ports to accept
 * @param keepPublicSsh accept TCP 22 on the public interface until hosts are reached over their mgmt plane
 */
public record FirewallSettings(Backend backend, Policy policy, List<PortRule> allowPublic, boolean keepPublicSsh) {
    public enum Backend {
        AUTO, NFTABLES, FIREWALLD, NONE;

        public String yamlName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public enum Policy {
        STEALTH, OPEN;

        public String yamlName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public FirewallSettings {
        allowPublic = List.copyOf(allowPublic);
    }

    public static FirewallSettings defaults() {
        return new FirewallSettings(Backend.AUTO, Policy.OPEN, List.of(), true);
    }
}
