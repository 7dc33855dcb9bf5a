package dev.vtrace.format;

import static org.junit.jupiter.api.Assertions.*;

import dev.vtrace.format.proto.TraceFooter;
import dev.vtrace.format.proto.TraceHeader;
import dev.vtrace.format.reader.TraceIndex;
import dev.vtrace.format.reader.TraceReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hand-written protobuf encoder of the writer agrees with the generated parser. */
class MetaEncodingTest {
    @TempDir
    Path dir;

    @Test
    void everyHeaderAndFooterFieldParsesBack() throws IOException {
        Path p = Files.write(dir.resolve("m.bin"), SampleTraces.small(true));
        try (TraceReader r = TraceReader.open(p)) {
            TraceIndex ix = TraceIndex.build(r, false);
            TraceHeader h = ix.header();
            var want = SampleTraces.header();
            assertEquals(FormatConstants.VERSION, h.getFormatVersion());
            assertEquals(want.epochNanoTime(), h.getEpochNanotime());
            assertEquals(want.epochUnixNanos(), h.getEpochUnixNanos());
            assertEquals(want.jvmVersion(), h.getJvmVersion());
            assertEquals(want.jvmVendor(), h.getJvmVendor());
            assertEquals(want.pid(), h.getPid());
            assertEquals(want.commandLine(), h.getCommandLine());
            assertEquals(want.recorderVersion(), h.getRecorderVersion());
            assertEquals(want.hostName(), h.getHostName());
            assertEquals(want.availableProcessors(), h.getAvailableProcessors());
            assertEquals(want.schedulerParallelism(), h.getSchedulerParallelism());
            assertEquals(want.options(), h.getOptions());
            assertEquals(12, TraceHeader.getDescriptor().getFields().size(),
                    "a field was added to TraceHeader: encode it in MetaEncoder.header and check it here");
            TraceFooter f = ix.footer();
            assertEquals(5_000, f.getEndNanos());
            assertEquals(16, f.getEventsWritten());
            assertEquals(3, f.getEventsDropped());
            assertEquals(3, f.getBatchesWritten());
            assertEquals("exit", f.getEndReason());
            assertEquals(6, TraceFooter.getDescriptor().getFields().size(),
                    "a field was added to TraceFooter: encode it in MetaEncoder.footer and check it here");
        }
    }
}
