package dev.vtrace.analyzer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PagedIntMapTest {
    @Test
    void agreesWithHashMapUnderChurn() {
        PagedIntMap m = new PagedIntMap();
        Map<Long, Integer> ref = new HashMap<>();
        SplittableRandom rnd = new SplittableRandom(7);
        long next = 1;
        for (int i = 0; i < 200_000; i++) {
            int op = rnd.nextInt(3);
            if (op == 0 || ref.isEmpty()) {
                long k = rnd.nextInt(10) == 0 ? rnd.nextLong() : next++;
                int v = rnd.nextInt(1 << 20);
                m.put(k, v);
                ref.put(k, v);
            } else {
                long k = rnd.nextInt(4) == 0 ? rnd.nextLong(next + 10) : ref.keySet().iterator().next();
                Integer want = ref.remove(k);
                assertEquals(want == null ? -1 : want, m.remove(k));
            }
            long probe = rnd.nextLong(next + 2000);
            assertEquals(ref.getOrDefault(probe, -1), m.get(probe));
            assertEquals(ref.size(), m.size());
        }
        for (Map.Entry<Long, Integer> e : ref.entrySet()) {
            assertEquals(e.getValue(), m.get(e.getKey()));
        }
        assertEquals(-1, m.get(-5));
        m.put(-5, 3);
        assertEquals(3, m.get(-5));
    }
}
