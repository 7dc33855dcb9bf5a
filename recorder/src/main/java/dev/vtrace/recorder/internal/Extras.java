package dev.vtrace.recorder.internal;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.GcInfo;
import dev.vtrace.format.EventType;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Events that come from the JVM's own notifications, off the hot path: garbage collections and
 * heap use (GarbageCollectorMXBean notifications, delivered on a JMX thread after each GC).
 *
 * <p>A GC notification carries the collection's start and duration in ms since JVM start; they
 * are mapped onto the trace clock with the JVM uptime taken at the epoch, so GcBegin/GcEnd have ms
 * precision. The pause recorded is the collection's duration (for concurrent collectors, the
 * cycle, not only its pauses).
 */
final class Extras {
    private Extras() {}

    private static final AtomicLong GC_SEQ = new AtomicLong();
    private static long uptimeAtEpochMs;

    static void start() {
        try {
            uptimeAtEpochMs = ManagementFactory.getRuntimeMXBean().getUptime()
                    - (Recorder.now() / 1_000_000L);
            NotificationListener l = Extras::onGc;
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                if (gc instanceof NotificationEmitter em) {
                    em.addNotificationListener(l, null, null);
                }
            }
        } catch (Throwable t) {
            Recorder.ERRORS.increment();
        }
    }

    private static void onGc(Notification n, Object handback) {
        if (!Recorder.on
                || !GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
            return;
        }
        try {
            GarbageCollectionNotificationInfo info =
                    GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
            GcInfo gi = info.getGcInfo();
            long startNs = Math.max(0, (gi.getStartTime() - uptimeAtEpochMs) * 1_000_000L);
            long durNs = gi.getDuration() * 1_000_000L;
            long id = GC_SEQ.incrementAndGet();
            long name = Recorder.strings.id(info.getGcName() + " (" + info.getGcCause() + ")");
            long used = 0;
            for (MemoryUsage u : gi.getMemoryUsageAfterGc().values()) {
                used += u.getUsed();
            }
            Hooks.emit(EventType.GC_BEGIN, startNs, id, name, 0, 0);
            Hooks.emit(EventType.GC_END, startNs + durNs, id, durNs, 0, 0);
            Hooks.emit(EventType.HEAP, startNs + durNs, used, 0, 0, 0);
        } catch (Throwable t) {
            Recorder.ERRORS.increment();
        }
    }
}
