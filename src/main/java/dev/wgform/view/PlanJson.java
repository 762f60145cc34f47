package dev.wgform.view;

import dev.wgform.plan.Plan;
import dev.wgform.plan.PlanCodec;

/**
 * {@code wgform plan --json}, and the content of plan files: the plan as one JSON object. Never a secret in it:
 * rendered contents keep their placeholders, diffs compare redacted texts, PSK changes say "(sensitive)".
 *
 * <pre>
 * {
 *   "format_version": "1",                    // string; readers refuse other versions
 *   "created_at": "2025-01-02T03:04:05Z",     // ISO-8601 instant
 *   "inventory": "inventories/lab.yml",       // paths as given on the command line
 *   "playbook": "playbooks/lab.yml",
 *   "summary": {"add": 4, "change": 2, "destroy": 0, "unreachable": 1, "refused": 0},   // derived; not read back
 *   "has_changes": true,                                                 // derived; not read back
 *   "hosts": [                                // inventory order
 *     {
 *       "host": "lab-1",
 *       "unreachable": null,                  // or the reason, then "changes" is [] and the fingerprint ""
 *       "facts_fingerprint": "3f1c...",       // 64 hex: HostFacts.fingerprint() planned against
 *       "notes": ["postgresql is not running on lab-1: file only"],
 *       "refusals": [],                       // why applying would cut wgform's SSH path to the host; apply
 *                                             // refuses the plan unless --force (absent in older plan files: none)
 *       "changes": [                          // every managed resource, no-ops included, manifest last
 *         {
 *           "type": "wg_config",              // private_key | preshared_key | wg_config | interface | firewall
 *                                             // | service_config | manifest
 *           "name": "/etc/wireguard/wg-mgmt.conf",   // interface name for private_key and interface,
 *                                                    // "psk IFACE PEER" for preshared_key, else the path
 *           "action": "update",               // create | update | delete | no-op
 *           "effects": [                      // what apply does beyond writing the file; each has "type" and "text"
 *             {"type": "live_sync", "text": "live sync wg-mgmt", "interface": "wg-mgmt"}
 *             // generate_key {interface, path} | push_psk {interface, peer, path} | up_interface | down_interface
 *             // | restart_interface | live_sync | enable_at_boot {interface} | load_firewall {backend}
 *             // | reload_service | restart_service {service}
 *           ],
 *           "details": ["peers changed only: live sync, no restart"],
 *           "file": {                         // null except for wg_config, firewall and service_config
 *             "path": "/etc/wireguard/wg-mgmt.conf",
 *             "mode": "0600",                 // octal string
 *             "kind": "wg",                   // wg | firewall | service:NAME
 *             "old_sha256": "...",            // null when the file is new; hash of the host's redacted file
 *             "new_sha256": "...",            // null when deleted or while public keys are pending; hash the fact
 *                                             // script will report after apply (what the manifest records)
 *             "new_content": "...",           // what to install, placeholders and all; "" for no-op and delete
 *             "diff": "--- ...\n+++ ...\n@@ ..."   // unified diff, redacted; "" when the text does not change
 *           }
 *         }
 *       ]
 *     }
 *   ]
 * }
 * </pre>
 */
public final class PlanJson {
    private PlanJson() {}

    /** The plan as JSON, two-space indented, without a trailing newline. */
    public static String render(Plan plan) {
        return Json.write(PlanCodec.toTree(plan));
    }
}
