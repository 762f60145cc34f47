package dev.wgform.drift;

import java.util.Locale;

/** The kinds of difference between intent and reality that drift detection reports. */
public enum DriftKind {
    /** A managed file differs from its rendering (edited by hand, missing, or left over). */
    FILE,
    /** A running interface's peers, listen port or key differ from its config ({@code wg set} by hand). */
    PEERS,
    /** An interface that should be up is down. */
    INTERFACE,
    /** wgform's firewall table is missing or differs from what wgform loaded. */
    FIREWALL,
    /** A bound service is stopped or not listening on its plane address. */
    SERVICE,
    /** A pre-shared key is missing on one side of a pair, or the two sides differ. */
    PSK,
    /** A private key is missing. */
    KEY,
    /** A private key is older than the playbook's {@code key_max_age}. */
    KEY_AGE,
    /** The host could not be reached or read. */
    UNREACHABLE;

    /** The name in JSON and Prometheus labels: "file", "key_age". */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
