package dev.vtrace.bench;

import dev.vtrace.format.BlockReason;
import dev.vtrace.format.EventType;
import dev.vtrace.format.UnblockKind;
import dev.vtrace.format.writer.EventBuffer;
import java.util.SplittableRandom;

/**
 * A realistic event mix: what a carrier writes while virtual threads park and wake. Per
 * "cycle" of one thread: GoUnblock (by a waker on this carrier), GoStart, GoBlock; plus, for one
 * thread in 50, GoCreate and GoEnd; a few µs between events; thread ids drawn from 10k live
 * threads, as in a server with many connections.
 */
final class EventMix {
    private final SplittableRandom rnd = new SplittableRandom(42);
    private long ts = 1_000_000;
    private long nextNewG = 1_000_000;

    /** Writes events into {@code b} until it is full; returns how many. */
    int fill(EventBuffer b) {
        int n = 0;
        while (b.hasRoom()) {
            n += cycle(b);
        }
        return n;
    }

    /** One cycle of one thread; the buffer must have room for 5 events. */
    int cycle(EventBuffer b) {
        long g = 1000 + rnd.nextInt(10_000);
        int n = 0;
        if (rnd.nextInt(50) == 0) {
            long ng = nextNewG++;
            b.event4(EventType.GO_CREATE, ts += 400, ng, g, 0, 0);
            b.event1(EventType.GO_END, ts += 2_000, ng);
            n += 2;
            if (!b.hasRoom()) {
                return n;
            }
        }
        b.event4(EventType.GO_UNBLOCK, ts += 300 + rnd.nextInt(3_000), g, 77, UnblockKind.UNPARK.code(), 0);
        if (!b.hasRoom()) {
            return n + 1;
        }
        b.event2(EventType.GO_START, ts += 200 + rnd.nextInt(2_000), g, 1 + rnd.nextInt(2));
        if (!b.hasRoom()) {
            return n + 2;
        }
        b.event4(EventType.GO_BLOCK, ts += 500 + rnd.nextInt(20_000), g, BlockReason.QUEUE_TAKE.code(), 0, 0);
        return n + 3;
    }
}
