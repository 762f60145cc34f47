package dev.wgform.app;

import dev.wgform.desired.DesiredState;
import dev.wgform.desired.Peer;
import dev.wgform.desired.PeerKey;
import dev.wgform.desired.PublicKeys;
import dev.wgform.model.Fleet;
import dev.wgform.model.InvalidInputException;
import dev.wgform.model.WorkstationPeer;
import dev.wgform.render.WorkstationRenderer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An enrolled workstation's wg-quick file: a peer for every member it dials whose public key is known; the others
 * are named so the admin knows to apply first. Pure apart from the template.
 *
 * @param content  the file's text (no secret in it: the private key is loaded from its file by PostUp)
 * @param peers    the members in it, in inventory order
 * @param skipped  members left out because their public key is not known yet
 */
record WorkstationConfig(String content, List<String> peers, List<String> skipped) {
    WorkstationConfig {
        peers = List.copyOf(peers);
        skipped = List.copyOf(skipped);
    }

    static WorkstationConfig build(Fleet fleet, WorkstationPeer w, PublicKeys keys, Path keyFile, WorkstationRenderer renderer)
            throws InvalidInputException {
        List<Peer> known = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (Peer p : DesiredState.workstationPeers(fleet, w.plane(), keys)) {
            if (p.key() instanceof PeerKey.Known) {
                known.add(p);
                names.add(p.host());
            } else {
                skipped.add(p.host());
            }
        }
        String content = renderer.render(w.name(), w.plane(), w.address(), fleet.plane(w.plane()).subnet().prefixLength(),
                keyFile, known, w.source());
        return new WorkstationConfig(content, names, skipped);
    }
}
