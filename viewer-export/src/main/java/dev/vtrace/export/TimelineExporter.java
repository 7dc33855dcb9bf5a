package dev.vtrace.export;

import dev.vtrace.analyzer.GTransition;
import dev.vtrace.analyzer.PTransition;
import dev.vtrace.analyzer.TraceMeta;
import dev.vtrace.export.internal.Timeline;
import dev.vtrace.format.reader.Event;

/**
 * What both exporters share: the analyzer's stream goes to one {@link Timeline}, which turns it
 * into tracks, slices, flows and counters for the format's sink. Subclasses own the sink and the
 * output.
 */
abstract sealed class TimelineExporter implements Exporter permits PerfettoExporter, ChromeJsonExporter {
    private final Timeline timeline;

    TimelineExporter(Timeline timeline) {
        this.timeline = timeline;
    }

    @Override
    public final void start(TraceMeta meta) {
        timeline.start(meta);
    }

    @Override
    public final void onEvent(Event e) {
        timeline.onEvent(e);
    }

    @Override
    public final void onG(GTransition t) {
        timeline.onG(t);
    }

    @Override
    public final void onP(PTransition t) {
        timeline.onP(t);
    }

    @Override
    public final void aliveAtEnd(GTransition t) {
        timeline.aliveAtEnd(t);
    }

    @Override
    public final void finish(long endTs) {
        timeline.finish(endTs);
    }

    @Override
    public final long eventsSeen() {
        return timeline.events();
    }
}
