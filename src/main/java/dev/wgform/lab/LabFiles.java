package dev.wgform.lab;

import java.nio.file.Path;

/**
 * The files {@code lab up} writes on the workstation, under a workspace directory (the repository root when
 * run as {@code ./wgform lab up N}); {@code lab down} removes them all.
 *
 * @param workspace absolute directory holding {@code inventories/} and {@code .wgform/}
 */
public record LabFiles(Path workspace) {
    public LabFiles {
        workspace = workspace.toAbsolutePath().normalize();
    }

    /** The generated Ansible inventory: {@code inventories/lab.yml}. */
    public Path inventory() {
        return workspace.resolve("inventories").resolve("lab.yml");
    }

    /** The address lock wgform writes beside it when the lab inventory is first used. */
    public Path lock() {
        return workspace.resolve("inventories").resolve("lab.lock.yml");
    }

    /** {@code .wgform/lab/}: the admin key pair and the lab's known hosts (.wgform is git-ignored). */
    public Path dir() {
        return workspace.resolve(".wgform").resolve("lab");
    }

    /** The admin's private key; the public half is authorized for root on every lab host. */
    public Path identity() {
        return dir().resolve("id_ed25519");
    }

    /** Every lab host's ed25519 host key, one {@code 198.51.100.N ssh-ed25519 ...} line each. */
    public Path knownHosts() {
        return dir().resolve("known_hosts");
    }
}
