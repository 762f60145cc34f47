package dev.wgform.apply;

/**
 * An interface effect.
 *
 * @param iface         interface name; its config is /etc/wireguard/IFACE.conf
 * @param action        what to do
 * @param enableAtBoot  enable wg-quick@IFACE where PID 1 is systemd (UP and RESTART; DOWN always disables)
 * @param expectedPeers peers {@code wg show IFACE peers} must list afterwards (ignored for DOWN)
 */
public record InterfaceStep(String iface, InterfaceAction action, boolean enableAtBoot, int expectedPeers) {
    public InterfaceStep {
        Shell.checkInterface(iface);
        if (action == null) throw new IllegalArgumentException("action is required");
        if (expectedPeers < 0) throw new IllegalArgumentException("expected peers cannot be negative");
    }

    public String configPath() {
        return "/etc/wireguard/" + iface + ".conf";
    }

    /** Name of this step in the script's @@step lines: "live-sync:wg-mgmt". */
    public String stepName() {
        return action.stepName() + ":" + iface;
    }
}
