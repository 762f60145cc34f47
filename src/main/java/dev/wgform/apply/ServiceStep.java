package dev.wgform.apply;

import java.util.Optional;

/**
 * A service whose config changed: validated first, reloaded (or restarted) only if that passes. The commands are
 * sh text run as they are on the host (with stdin closed); they come from wgform's service catalogue or the
 * playbook's custom services, never from a host.
 *
 * @param name            service name for messages (sshd)
 * @param validateCommand e.g. {@code sshd -t}, {@code nginx -t}; empty when the service has none
 * @param reloadCommand   e.g. {@code systemctl reload ssh}, or a restart where the service cannot reload
 */
public record ServiceStep(String name, Optional<String> validateCommand, String reloadCommand) {
    public ServiceStep {
        if (name == null || !name.matches("[A-Za-z0-9_.@-]{1,64}")) throw new IllegalArgumentException("bad service name: " + name);
        validateCommand.ifPresent(c -> Shell.checkOneLine(c, "validate command"));
        Shell.checkOneLine(reloadCommand, "reload command");
    }

    public String stepName() {
        return "service:" + name;
    }
}
