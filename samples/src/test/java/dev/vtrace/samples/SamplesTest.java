package dev.vtrace.samples;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The registry's contract, which the cli and the recorder's tests rely on. */
class SamplesTest {

    @Test
    void namesAreUniqueLowerKebabCase() {
        Set<String> seen = new HashSet<>();
        for (Sample s : Samples.all()) {
            assertTrue(s.name().matches("[a-z]+(-[a-z]+)*"), "bad name '" + s.name() + "'");
            assertTrue(seen.add(s.name()), "duplicate name '" + s.name() + "'");
        }
    }

    @Test
    void theBriefsSamplesAreAllThere() {
        assertEquals(List.of("worker-pool", "thread-per-item", "mixed", "web-api", "web-api-leak", "parked-million",
                        "create-latency", "starvation", "block-reasons", "pingpong"),
                Samples.all().stream().map(Sample::name).toList());
    }

    @Test
    void byNameFindsExactNamesOnly() {
        assertEquals("worker-pool", Samples.byName("worker-pool").orElseThrow().name());
        assertTrue(Samples.byName("Worker-Pool").isEmpty());
        assertTrue(Samples.byName("").isEmpty());
    }

    @Test
    void everyMainClassHasAPublicStaticMain() throws Exception {
        for (Sample s : Samples.all()) {
            Method main = Class.forName(s.mainClass()).getMethod("main", String[].class);
            assertTrue(Modifier.isStatic(main.getModifiers()), s.mainClass() + ".main is not static");
            assertEquals(void.class, main.getReturnType());
        }
    }

    @Test
    void listsAreImmutable() {
        Sample s = Samples.all().getFirst();
        assertThrows(UnsupportedOperationException.class, () -> Samples.all().add(s));
        assertThrows(UnsupportedOperationException.class, () -> s.smallArgs().add("--x=1"));
        assertThrows(UnsupportedOperationException.class, () -> s.jvmOptions().add("-Xmx1g"));
    }
}
