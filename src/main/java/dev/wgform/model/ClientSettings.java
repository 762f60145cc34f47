package dev.wgform.model;

import java.util.List;

/**
 * Settings for the spokes of a hub or relay plane that act as road-warrior clients.
 *
 * @param members    groups or hosts these settings apply to; empty means every spoke
 * @param fullTunnel route all traffic (0.0.0.0/0, ::/0) through the hub
 * @param dns        DNS servers for the client's wg-quick config
 */
public record ClientSettings(List<String> members, boolean fullTunnel, List<String> dns) {
    public ClientSettings {
        members = List.copyOf(members);
        dns = List.copyOf(dns);
    }

    public static ClientSettings none() {
        return new ClientSettings(List.of(), false, List.of());
    }
}
