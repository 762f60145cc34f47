package dev.wgform.schedule;

/** Whose systemd runs the timer: the system's (root installs) or the user's own manager ({@code systemctl --user}). */
public enum SystemdScope {
    SYSTEM,
    USER
}
