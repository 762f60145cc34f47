package dev.wgform.apply;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The remote commands of one host's apply after its facts command. KEYS runs only when a private key is missing:
 * the new public key is needed to render the peers' configs, so it is a round trip of its own. PSKs do not need
 * one: they travel inside the INSTALL script ({@link InstallRequest#psks()}), which backs them up and rolls them
 * back with the configs that use them. A host therefore costs two commands (facts, install), three when it needs
 * a new key.
 */
public final class ApplyBatch {
    private ApplyBatch() {}

    /** Runs one script on a host ({@code sh -s} on an exec channel, sudo where needed): the transport's job. */
    @FunctionalInterface
    public interface ScriptRunner<E extends Exception> {
        ScriptOutput run(String script) throws E;
    }

    /** What a script printed on stdout, and its exit code. */
    public record ScriptOutput(String stdout, int exitCode) {}

    /** The wanted keys whose interface has no known public key (from the facts): the ones the host must generate. */
    public static List<KeyRequest> missing(List<KeyRequest> wanted, Map<String, String> knownPublicKeys) {
        return wanted.stream().filter(k -> !knownPublicKeys.containsKey(k.iface())).toList();
    }

    /** The KEYS script for the missing keys; empty when none is missing, so no round trip is spent. */
    public static Optional<String> keysScript(List<KeyRequest> missing) {
        return missing.isEmpty() ? Optional.empty() : Optional.of(KeysScript.build(missing, List.of()));
    }

    /**
     * Generates the missing keys on the host, or does nothing when none is missing.
     *
     * @throws RemoteScriptException when the step fails or a requested key's public key is not reported
     */
    public static <E extends Exception> Optional<KeysResult> generateMissingKeys(ScriptRunner<E> host, List<KeyRequest> missing) throws E {
        Optional<String> script = keysScript(missing);
        if (script.isEmpty()) return Optional.empty();
        ScriptOutput out = host.run(script.get());
        KeysResult result = KeysResult.parse(out.stdout());
        if (out.exitCode() != 0) throw new RemoteScriptException("keys step exited with " + out.exitCode());
        for (KeyRequest k : missing) {
            if (!result.publicKeys().containsKey(k.iface())) throw new RemoteScriptException("keys step reported no public key for " + k.iface());
        }
        return Optional.of(result);
    }

    /** Runs the INSTALL step; the result says whether it applied, rolled back or was cut short. */
    public static <E extends Exception> InstallResult install(ScriptRunner<E> host, InstallRequest request) throws E {
        ScriptOutput out = host.run(InstallScript.build(request));
        return InstallResult.parse(out.stdout(), out.exitCode());
    }
}
