package dev.wgform.plan;

import java.util.Locale;
import java.util.Optional;

/** What a plan does to one resource, with the symbol the human plan shows for it (as in Terraform's plans/action.go). */
public enum Action {
    CREATE("+"), UPDATE("~"), DELETE("-"), NOOP(" ");

    private final String symbol;

    Action(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    /** create, update, delete, no-op: the plan file and --json name. */
    public String jsonName() {
        return this == NOOP ? "no-op" : name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Action> fromJson(String name) {
        for (Action a : values()) if (a.jsonName().equals(name)) return Optional.of(a);
        return Optional.empty();
    }
}
