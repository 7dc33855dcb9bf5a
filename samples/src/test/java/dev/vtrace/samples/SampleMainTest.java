package dev.vtrace.samples;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The dispatcher as users call it: {@code java -cp samples.jar dev.vtrace.samples.SampleMain ...}. */
class SampleMainTest {

    private static final String MAIN = SampleMain.class.getName();

    @Test
    void withoutArgumentsListsEverySample() throws Exception {
        ChildJvm.Result r = ChildJvm.run(List.of(), MAIN, List.of());
        assertEquals(0, r.exitStatus(), r.describe());
        for (Sample sample : Samples.all()) {
            assertTrue(r.stdout().contains(sample.name()), sample.name() + " not listed\n" + r.describe());
        }
    }

    @Test
    void runsTheNamedSampleWithItsArguments() throws Exception {
        ChildJvm.Result r = ChildJvm.run(List.of(), MAIN, List.of("pingpong", "--handoffs=100"));
        assertEquals(0, r.exitStatus(), r.describe());
        assertEquals(100, r.longValue("handoffs"), r.describe());
    }

    @Test
    void unknownSampleIsAnInvalidInput() throws Exception {
        ChildJvm.Result r = ChildJvm.run(List.of(), MAIN, List.of("no-such-sample"));
        assertEquals(2, r.exitStatus(), r.describe());
        assertTrue(r.stderr().contains("unknown sample 'no-such-sample'"), r.describe());
    }

    @Test
    void unknownOptionIsAnInvalidInput() throws Exception {
        ChildJvm.Result r = ChildJvm.run(List.of(), MAIN, List.of("worker-pool", "--itemz=3"));
        assertEquals(2, r.exitStatus(), r.describe());
        assertEquals("worker-pool: unknown option '--itemz'; allowed: --items, --workers, --queue-capacity",
                r.stderr().strip(), r.describe());
    }
}
