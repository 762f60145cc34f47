package dev.wgform.inventory;

import dev.wgform.model.Cidr;
import java.util.Optional;
import java.util.regex.Pattern;

/** Names that end up in Linux: interface names (as wg-quick accepts them), host names and DNS names. */
final class LinuxNames {
    private static final Pattern INTERFACE = Pattern.compile("[A-Za-z0-9_.=+-]{1,15}");
    private static final Pattern HOST_KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Pattern HOSTNAME = Pattern.compile(
            "(?=.{1,253}$)[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?(\\.[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?)*\\.?");

    private LinuxNames() {}

    /** Why Linux (or wg-quick) would refuse {@code name} as an interface name, if it would. */
    static Optional<String> interfaceProblem(String name) {
        if (name.length() > 15) {
            return Optional.of("interface name '" + name + "' is " + name.length() + " characters; Linux allows at most 15");
        }
        if (name.equals(".") || name.equals("..")) return Optional.of("'" + name + "' cannot be an interface name");
        if (!INTERFACE.matcher(name).matches()) {
            return Optional.of("interface name '" + name + "' may only use letters, digits and _ . = + -");
        }
        return Optional.empty();
    }

    /** An inventory host name: it becomes part of file names (PSKs, rendered files) and of config comments. */
    static boolean isHostKey(String name) {
        return HOST_KEY.matcher(name).matches();
    }

    /** Where SSH can connect: an IP address, or a DNS name (no '_', which sshd and nftables files do not take). */
    static boolean isAddressOrDnsName(String text) {
        return Cidr.parseAddress(text).isPresent() || isHostname(text) && text.indexOf('_') < 0;
    }

    static boolean isHostname(String name) {
        return HOSTNAME.matcher(name).matches();
    }
}
