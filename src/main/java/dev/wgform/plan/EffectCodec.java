package dev.wgform.plan;

import java.util.LinkedHashMap;
import java.util.Map;

/** Effects as {"type": "live_sync", "text": "live sync wg-mgmt", "interface": "wg-mgmt"} and back ("text" is not read). */
final class EffectCodec {
    private EffectCodec() {}

    static Map<String, Object> toTree(Effect e) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (e instanceof Effect.GenerateKey) {
            Effect.GenerateKey g = (Effect.GenerateKey) e;
            head(out, "generate_key", e).put("interface", g.iface());
            out.put("path", g.path());
        } else if (e instanceof Effect.PushPsk) {
            Effect.PushPsk p = (Effect.PushPsk) e;
            head(out, "push_psk", e).put("interface", p.iface());
            out.put("peer", p.peer());
            out.put("path", p.path());
        } else if (e instanceof Effect.DownInterface) {
            head(out, "down_interface", e).put("interface", ((Effect.DownInterface) e).iface());
        } else if (e instanceof Effect.UpInterface) {
            head(out, "up_interface", e).put("interface", ((Effect.UpInterface) e).iface());
        } else if (e instanceof Effect.RestartInterface) {
            head(out, "restart_interface", e).put("interface", ((Effect.RestartInterface) e).iface());
        } else if (e instanceof Effect.LiveSync) {
            head(out, "live_sync", e).put("interface", ((Effect.LiveSync) e).iface());
        } else if (e instanceof Effect.EnableAtBoot) {
            head(out, "enable_at_boot", e).put("interface", ((Effect.EnableAtBoot) e).iface());
        } else if (e instanceof Effect.LoadFirewall) {
            head(out, "load_firewall", e).put("backend", ((Effect.LoadFirewall) e).backend());
        } else if (e instanceof Effect.ReloadService) {
            head(out, "reload_service", e).put("service", ((Effect.ReloadService) e).service());
        } else if (e instanceof Effect.RestartService) {
            head(out, "restart_service", e).put("service", ((Effect.RestartService) e).service());
        } else if (e instanceof Effect.TightenMode) {
            head(out, "tighten_mode", e).put("path", ((Effect.TightenMode) e).path());
        } else {
            throw new IllegalStateException("no JSON form for " + e);
        }
        return out;
    }

    private static Map<String, Object> head(Map<String, Object> out, String type, Effect e) {
        out.put("type", type);
        out.put("text", e.text());
        return out;
    }

    static Effect fromTree(Node n) throws PlanFormatException {
        String type = n.field("type").string();
        switch (type) {
            case "generate_key": return n.build(() -> new Effect.GenerateKey(n.field("interface").string(), n.field("path").string()));
            case "push_psk":
                return n.build(() -> new Effect.PushPsk(n.field("interface").string(), n.field("peer").string(), n.field("path").string()));
            case "down_interface": return n.build(() -> new Effect.DownInterface(n.field("interface").string()));
            case "up_interface": return n.build(() -> new Effect.UpInterface(n.field("interface").string()));
            case "restart_interface": return n.build(() -> new Effect.RestartInterface(n.field("interface").string()));
            case "live_sync": return n.build(() -> new Effect.LiveSync(n.field("interface").string()));
            case "enable_at_boot": return n.build(() -> new Effect.EnableAtBoot(n.field("interface").string()));
            case "load_firewall": return n.build(() -> new Effect.LoadFirewall(n.field("backend").string()));
            case "reload_service": return n.build(() -> new Effect.ReloadService(n.field("service").string()));
            case "restart_service": return n.build(() -> new Effect.RestartService(n.field("service").string()));
            case "tighten_mode": return n.build(() -> new Effect.TightenMode(n.field("path").string()));
            default: throw n.field("type").invalid("unknown effect " + type);
        }
    }
}
