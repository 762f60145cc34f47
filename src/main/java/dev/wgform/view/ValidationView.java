package dev.wgform.view;

import dev.wgform.app.ValidationReport;
import dev.wgform.model.Fleet;
import dev.wgform.model.Plane;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@code validate} summary, for people (one line) and for machines ({@code --json}). */
public final class ValidationView {
    private ValidationView() {}

    /** "ok: 4 hosts, 4 planes (mgmt: 4 members, ...), 5 service bindings; addresses: ..." */
    public static String text(ValidationReport r) {
        Fleet f = r.fleet();
        List<String> planes = new ArrayList<>();
        for (Plane p : f.playbook().planes().values()) {
            planes.add(p.name() + ": " + count(f.membersOf(p.name()).size(), "member"));
        }
        StringBuilder out = new StringBuilder("ok: ");
        out.append(count(f.inventory().hosts().size(), "host")).append(", ");
        out.append(count(planes.size(), "plane"));
        if (!planes.isEmpty()) out.append(" (").append(String.join(", ", planes)).append(')');
        out.append(", ").append(count(f.playbook().services().size(), "service binding")).append("; ");
        out.append(addresses(r));
        return out.toString();
    }

    private static String addresses(ValidationReport r) {
        if (r.newAddresses() > 0) {
            return count(r.newAddresses(), "address", "addresses") + " would be allocated (render or apply records them in "
                    + r.lockPath() + ")";
        }
        if (r.lockChanged()) return "the lock file " + r.lockPath() + " would be rewritten (entries no longer needed)";
        return "no new addresses to allocate";
    }

    public static String json(ValidationReport r) {
        Fleet f = r.fleet();
        List<Object> planes = new ArrayList<>();
        for (Plane p : f.playbook().planes().values()) {
            Map<String, Object> plane = new LinkedHashMap<>();
            plane.put("name", p.name());
            plane.put("interface", p.interfaceName());
            plane.put("subnet", p.subnet().toString());
            plane.put("port", p.port());
            plane.put("topology", p.topology().yamlName());
            plane.put("hub", p.hub());
            Map<String, Object> members = new LinkedHashMap<>();
            for (Map.Entry<String, InetAddress> m : f.members().getOrDefault(p.name(), Map.of()).entrySet()) {
                members.put(m.getKey(), m.getValue().getHostAddress());
            }
            plane.put("members", members);
            planes.add(plane);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("ok", true);
        out.put("inventory", f.inventory().source());
        out.put("playbook", f.playbook().source());
        out.put("hosts", f.inventory().hosts().stream().map(h -> h.name()).toList());
        out.put("planes", planes);
        out.put("service_bindings", f.playbook().services().size());
        out.put("new_addresses", r.newAddresses());
        out.put("lock_file", r.lockPath().toString());
        out.put("lock_file_would_change", r.lockChanged());
        return Json.write(out);
    }

    static String count(int n, String singular) {
        return count(n, singular, singular + "s");
    }

    static String count(int n, String singular, String plural) {
        return n + " " + (n == 1 ? singular : plural);
    }
}
