package dev.wgform.apply;

/** What the install step does to a WireGuard interface after its files are in place. */
public enum InterfaceAction {
    /** Bring it up (new config, or configured but down). */
    UP,
    /** Only peers changed and it is up: {@code wg syncconf} from {@code wg-quick strip}, no restart. */
    LIVE_SYNC,
    /** [Interface] fields changed: down with the old config, up with the new. */
    RESTART,
    /** No longer wanted: down (and disabled at boot) before its files are removed. */
    DOWN;

    /** The step name in script output: up, live-sync, restart, down. */
    public String stepName() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
