package dev.wgform.cds;

import dev.wgform.crypto.WgKeys;
import dev.wgform.facts.FactScript;
import dev.wgform.facts.Manifest;
import java.util.List;

/**
 * What the fact script prints on a Debian host wgform already set up, with its mgmt key, a PSK, a config, a manifest
 * and a running interface with one peer: the training run plans against one, so the archive also holds what
 * reading such a host loads (keys, PSKs, the manifest's JSON, the live dump), not only the first contact.
 */
final class RunningHostAnswer {
    private RunningHostAnswer() {}

    static String facts() {
        String self = WgKeys.publicKeyOf(WgKeys.generatePrivateKey());
        String peer = WgKeys.publicKeyOf(WgKeys.generatePrivateKey());
        String conf = "[Interface]\nAddress = 10.200.0.2/24\nListenPort = 51820\nPrivateKey = {{wgform-secret}}\n\n"
                + "[Peer]\n# train-1\nPublicKey = " + peer + "\nPresharedKey = {{wgform-secret}}\nAllowedIPs = 10.200.0.1/32\n"
                + "Endpoint = 127.0.0.1:51820\n";
        String manifest = new Manifest(Manifest.CURRENT_VERSION,
                List.of(new Manifest.ManagedFile("/etc/wireguard/wg-mgmt.conf", "wg", "0".repeat(64)))).toJson();
        long now = System.currentTimeMillis() / 1000;
        return "@@wgform-facts " + FactScript.FORMAT + "\n@@os\nID=debian\nVERSION_ID=\"12\"\n@@pid1 systemd\n@@tools\n/usr/bin/wg\n"
                + "/usr/bin/wg-quick\n/usr/sbin/nft\n/usr/sbin/sshd\n/usr/bin/systemctl\n"
                + "@@manifest\n" + FactScript.contentLines(manifest)
                + "@@file /etc/wireguard/wg-mgmt.conf\n600 root:root\n" + FactScript.contentLines(conf)
                + "@@key wg-mgmt /etc/wireguard/keys/wg-mgmt.key\n" + now + " 600\n" + self + "\n"
                + "@@psk /etc/wireguard/keys/wg-mgmt/train-1.psk\n" + now + " 600\n" + "0".repeat(64) + "\n"
                + "@@wg\n:wg-mgmt\t(hidden)\t" + self + "\t51820\toff\n"
                + ":wg-mgmt\t" + peer + "\t(hidden)\t127.0.0.1:51820\t10.200.0.1/32\t" + now + "\t1024\t2048\t25\n:wgform-exit 0\n"
                + "@@service sshd running\n@@service postgresql running\n@@service nginx running\n"
                + "@@time " + now + "\n@@end\n";
    }
}
