package dev.wgform.app;

import dev.wgform.desired.HostState;
import dev.wgform.desired.WgInterface;
import dev.wgform.facts.FactsException;
import dev.wgform.facts.FileFact;
import dev.wgform.facts.HostFacts;
import dev.wgform.planner.Planner;
import dev.wgform.render.RenderedFile;
import dev.wgform.transport.TransportException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Big files a host sent as digests, made whole before its plan: one whose digest is its rendering's has the
 * rendering's text (the host holds exactly that); the others (changed, or no longer rendered) are asked for, in the
 * same reading command. A converged 500-host mesh's plan so reads 145 MB less, and parses and keeps none of it.
 */
final class DigestedFiles {
    /** Hosts with this many peers or more in all read files of {@link #OVER_BYTES} or more as digests first. */
    static final int MIN_PEERS = 100;
    /** 8 KiB: about 60 peers' worth of config; smaller files cost less to send than to ask for. */
    static final int OVER_BYTES = 8192;

    private DigestedFiles() {}

    /**
     * The digest threshold for {@code state}'s fact script, in bytes (0: every text sent). Both numbers can be set
     * (system properties {@code wgform.digestMinPeers}, {@code wgform.digestOverBytes}), for tests of small fleets.
     */
    static int threshold(HostState state) {
        int peers = 0;
        for (WgInterface i : state.interfaces()) peers += i.peers().size();
        return peers >= Integer.getInteger("wgform.digestMinPeers", MIN_PEERS) ? Integer.getInteger("wgform.digestOverBytes", OVER_BYTES) : 0;
    }

    /** {@code facts} with every digested file's text, from {@code rendered} where equal, else asked of {@code reading}. */
    static HostFacts complete(HostFacts facts, List<RenderedFile> rendered, Optional<ReadingCommand> reading)
            throws TransportException, FactsException {
        Map<String, FileFact> digested = facts.digestOnly();
        if (digested.isEmpty()) {
            if (reading.isPresent()) reading.get().noTexts();
            return facts;
        }
        Map<String, RenderedFile> byPath = new HashMap<>();
        for (RenderedFile f : rendered) byPath.put(f.path(), f);
        Map<String, FileFact> files = new LinkedHashMap<>(facts.files());
        Map<String, FileFact> wanted = new LinkedHashMap<>();
        for (FileFact d : digested.values()) {
            RenderedFile r = byPath.get(d.path());
            String copy = r == null ? null : Planner.hostCopy(r);
            String sha = copy == null ? "" : copy == r.content() ? r.sha256() : RenderedFile.sha256(copy);
            if (sha.equals(d.sha256())) files.put(d.path(), d.withContent(copy, sha));
            else wanted.put(d.path(), d);
        }
        if (wanted.isEmpty()) {
            if (reading.isPresent()) reading.get().noTexts();
        } else {
            if (reading.isEmpty()) throw new TransportException("no reading command to ask for the texts of " + String.join(", ", wanted.keySet()), null);
            files.putAll(reading.get().texts(wanted));
        }
        return facts.withFiles(files);
    }

    /**
     * Every digested file's text, asked for before anything is rendered: for a run that needs the keys its peers'
     * configs carry for a host that has none of its own. The host is asked once, so for all of them.
     */
    static HostFacts withAllTexts(HostFacts facts, ReadingCommand reading) throws TransportException, FactsException {
        Map<String, FileFact> digested = facts.digestOnly();
        if (digested.isEmpty() || !reading.awaitsTexts()) return facts;
        Map<String, FileFact> files = new LinkedHashMap<>(facts.files());
        files.putAll(reading.texts(digested));
        return facts.withFiles(files);
    }
}
