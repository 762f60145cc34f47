package dev.wgform.view;

import dev.wgform.plan.Action;
import dev.wgform.plan.Change;
import dev.wgform.plan.Effect;
import dev.wgform.plan.HostPlan;
import dev.wgform.plan.Plan;
import java.util.ArrayList;
import java.util.List;

/**
 * The plan for people, laid out like Terraform's: per host a header, each change with its symbol ({@code +} add,
 * {@code ~} change, {@code -} destroy), the resource, its effects in parentheses, detail lines and the diff indented
 * beneath; unreachable hosts with their reason; then a summary line. ANSI colours only when asked for. Hosts with
 * nothing to do are not listed. A host whose plan would cut wgform's own SSH path shows why first, as REFUSED (or as
 * a warning under {@code --force}), and a line after the summary repeats which hosts.
 */
public final class PlanView {
    private static final String INDENT = "      ";

    private final boolean color;
    private final boolean forced;
    private final StringBuilder out = new StringBuilder();

    private PlanView(boolean color, boolean forced) {
        this.color = color;
        this.forced = forced;
    }

    /** The whole plan, ending with the summary line and a newline. */
    public static String render(Plan plan, boolean color) {
        return render(plan, color, false);
    }

    /** The whole plan; with {@code forced} (--force) its refusals are shown as warnings. */
    public static String render(Plan plan, boolean color, boolean forced) {
        return new PlanView(color, forced).plan(plan);
    }

    private String plan(Plan plan) {
        if (plan.hasChanges()) {
            out.append("wgform will perform the following actions (").append(symbolLegend()).append("):\n");
        }
        for (HostPlan h : plan.hosts()) {
            if (!h.isReachable()) {
                out.append('\n').append(paint("# " + h.host() + ": unreachable: " + h.unreachable().get(), Ansi.RED)).append('\n');
            } else if (h.hasChanges() || !h.notes().isEmpty() || h.isRefused()) {
                host(h);
            }
        }
        out.append('\n').append(summary(plan)).append('\n');
        refused(plan);
        return out.toString();
    }

    private void refused(Plan plan) {
        List<HostPlan> refused = plan.refused();
        if (refused.isEmpty()) return;
        String hosts = refused.size() + (refused.size() == 1 ? " host (" : " hosts (")
                + String.join(", ", refused.stream().map(HostPlan::host).toList()) + ")";
        out.append(forced
                ? paint("Warning: this plan would cut wgform's SSH path to " + hosts + "; --force is given, so apply runs it anyway.", Ansi.YELLOW)
                : paint("Refused: this plan would cut wgform's SSH path to " + hosts + "; apply will not run it without --force.", Ansi.RED))
                .append('\n');
    }

    private String symbolLegend() {
        return paint("+", Ansi.GREEN) + " create, " + paint("~", Ansi.YELLOW) + " update, " + paint("-", Ansi.RED) + " destroy";
    }

    private void host(HostPlan h) {
        out.append('\n').append(paint("# " + h.host(), Ansi.BOLD)).append('\n');
        for (String r : h.refusals()) {
            out.append("  ").append(forced ? paint("warning (--force): ", Ansi.YELLOW) : paint("REFUSED: ", Ansi.RED)).append(r).append('\n');
        }
        for (Change c : h.actionable()) change(c);
        for (String note : h.notes()) out.append("  note: ").append(note).append('\n');
    }

    private void change(Change c) {
        out.append("  ").append(paint(c.action().symbol(), colorOf(c.action()))).append(' ').append(c.label());
        if (!c.effects().isEmpty()) {
            List<String> texts = new ArrayList<>();
            for (Effect e : c.effects()) texts.add(e.text());
            out.append(" (").append(String.join(", ", texts)).append(')');
        }
        out.append('\n');
        for (String d : c.details()) out.append(INDENT).append(d).append('\n');
        c.file().ifPresent(f -> diff(f.diff()));
    }

    /** The hunks of a unified diff; its ---/+++ header only repeats the path. */
    private void diff(String diff) {
        DiffLines.append(out, diff, INDENT, color);
    }

    private static String colorOf(Action a) {
        switch (a) {
            case CREATE: return Ansi.GREEN;
            case UPDATE: return Ansi.YELLOW;
            case DELETE: return Ansi.RED;
            default: return null;
        }
    }

    private static String summary(Plan plan) {
        Plan.Summary s = plan.summary();
        int unreachable = plan.unreachable().size();
        String missing = unreachable == 0 ? "" : "; " + unreachable + (unreachable == 1 ? " host" : " hosts") + " could not be planned";
        if (!plan.hasChanges()) {
            return unreachable == 0 ? "No changes. Your hosts match the playbook." : "No changes on the reachable hosts" + missing + ".";
        }
        return "Plan: " + s.add() + " to add, " + s.change() + " to change, " + s.destroy() + " to destroy" + missing + ".";
    }

    private String paint(String text, String code) {
        return Ansi.paint(text, code, color);
    }
}
