package dev.wgform.apply;

/**
 * One {@code @@step} line: "write:/etc/wireguard/wg-mgmt.conf", "live-sync:wg-mgmt", "service:sshd",
 * "verify:wg-mgmt", "manifest"; rollback actions are named "rollback:restore:/etc/...", "rollback:up:wg-mgmt", ...
 *
 * @param message empty when ok
 */
public record StepResult(String name, boolean ok, String message) {
    public boolean isRollback() {
        return name.startsWith("rollback:");
    }
}
