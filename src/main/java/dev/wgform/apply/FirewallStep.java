package dev.wgform.apply;

import dev.wgform.model.NftablesTable;
import java.util.Optional;

/**
 * Loading a changed firewall. sh commands, run on the host with {@code $R} (the test root, empty in real runs)
 * in scope.
 *
 * @param name            for messages: nftables, firewalld
 * @param validateCommand must pass before anything is loaded
 * @param loadCommand     makes the new files live
 * @param rollbackCommand run after the old files are restored, when the load command was run
 */
public record FirewallStep(String name, Optional<String> validateCommand, String loadCommand, String rollbackCommand) {
    public FirewallStep {
        if (name == null || !name.matches("[a-z0-9-]{1,32}")) throw new IllegalArgumentException("bad firewall name: " + name);
        validateCommand.ifPresent(c -> Shell.checkOneLine(c, "validate command"));
        Shell.checkOneLine(loadCommand, "load command");
        Shell.checkOneLine(rollbackCommand, "rollback command");
    }

    /**
     * An nftables file that defines (and first flushes) one table, e.g. {@code inet wgform}: checked with
     * {@code nft -c -f}, loaded with {@code nft -f} (one transaction); on rollback the restored file is loaded
     * again, or the table deleted when there was no file before. After each, the live table's hash is recorded; a
     * load also makes sure /etc/nftables.conf includes the file, so the table is there after a reboot.
     */
    public static FirewallStep nftables(String file, String table) {
        String f = "\"$R\"" + Shell.quote(Shell.checkPath(file, "nftables file"));
        String t = NftablesTable.check(table);
        String record = "nft_record " + t;
        return new FirewallStep("nftables", Optional.of("nft -c -f " + f), "nft -f " + f + " && " + record + " && nft_persist",
                "if [ -e " + f + " ]; then nft -f " + f + " && " + record + "; elif nft list table " + t
                        + " >/dev/null 2>&1; then nft delete table " + t + " && " + record + "; fi");
    }

    /** The nftables file was removed: delete its table; on rollback load the restored file. */
    public static FirewallStep nftablesRemoved(String file, String table) {
        String f = "\"$R\"" + Shell.quote(Shell.checkPath(file, "nftables file"));
        String t = NftablesTable.check(table);
        String record = "nft_record " + t;
        return new FirewallStep("nftables", Optional.empty(),
                "if nft list table " + t + " >/dev/null 2>&1; then nft delete table " + t + "; fi; " + record,
                "nft -f " + f + " && " + record);
    }

    /** firewalld zone files: {@code firewall-cmd --check-config}, then {@code --reload}; rollback reloads the restored files. */
    public static FirewallStep firewalld() {
        return new FirewallStep("firewalld", Optional.of("firewall-cmd --check-config"), "firewall-cmd --reload", "firewall-cmd --reload");
    }

    public String stepName() {
        return "firewall:" + name;
    }
}
