package dev.wgform.facts;

/** An interface's private key file as seen from outside: the public key derived on the host and the file's mtime. */
public record KeyFact(String interfaceName, String path, String publicKey, long mtimeEpoch) {}
