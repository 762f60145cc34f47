package dev.wgform.model;

import java.util.Optional;

/**
 * A user-defined service binding: wgform renders {@code template} to {@code destination} on the host,
 * runs {@code validate} before and {@code reload} after installing it.
 */
public record CustomService(String template, String destination, Optional<String> validate, Optional<String> reload) {
}
