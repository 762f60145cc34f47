package dev.wgform.facts;

/**
 * A pre-shared key file: {@code hash} is sha256("wgform-psk-v1:" + contents), computed on the host, so two peers'
 * copies can be compared without either value leaving its host.
 */
public record PskFact(String path, String hash, long mtimeEpoch) {}
