package dev.wgform.inventory;

import java.util.Optional;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.parser.Parser;

/**
 * SnakeYAML's parser, remembering the event the composer looked at last: the limits SnakeYAML enforces
 * (too many aliases, nesting too deep) throw without a position, and that event is where the limit was hit.
 */
final class LastEventParser implements Parser {
    private final Parser parser;
    private Event last;

    LastEventParser(Parser parser) {
        this.parser = parser;
    }

    /** Where the last event looked at starts. */
    Optional<Mark> lastMark() {
        return Optional.ofNullable(last).map(Event::getStartMark);
    }

    @Override
    public boolean checkEvent(Event.ID choice) {
        remember(parser.peekEvent());
        return parser.checkEvent(choice);
    }

    @Override
    public Event peekEvent() {
        return remember(parser.peekEvent());
    }

    @Override
    public Event getEvent() {
        return remember(parser.getEvent());
    }

    private Event remember(Event event) {
        if (event != null) last = event;
        return event;
    }
}
