package dev.vtrace.recorder.internal;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The shape check runs on the class files of the JDK running the tests (JDK 25), without an agent. */
class InstrumenterTest {
    @Test
    void everyHookPointOfThisJdkIsFound() {
        Map<String, String> problems = new Instrumenter().check();
        assertEquals(Map.of(), problems);
    }

    @Test
    void rewrittenVirtualThreadParsesAndCallsTheHooks() throws Exception {
        Instrumenter in = new Instrumenter();
        var r = in.rewrite(Instrumenter.VT, Instrumenter.readResource(Instrumenter.VT));
        assertNull(r.problem());
        var cm = java.lang.classfile.ClassFile.of().parse(r.bytes());
        long calls = cm.methods().stream().flatMap(m -> m.code().stream())
                .flatMap(c -> c.elementStream())
                .filter(e -> e instanceof java.lang.classfile.instruction.InvokeInstruction ii
                        && ii.owner().asInternalName().equals("dev/vtrace/recorder/internal/Hooks"))
                .count();
        assertTrue(calls >= 15, "hook calls injected: " + calls);
        assertEquals(cm.methods().size(),
                java.lang.classfile.ClassFile.of().parse(Instrumenter.readResource(Instrumenter.VT)).methods().size(),
                "no method added");
    }
}
