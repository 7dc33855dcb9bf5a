/**
 * Benchmarks, in the {@code bench} Maven profile only (never in CI): JMH for the trace format's
 * encoder and reader, and plain programs that print side-by-side figures (sizes, codecs). The
 * recorder's hot-path benchmark sits in the recorder's package ({@code HotPathBench}) to reach
 * its internals; whole-process overhead runs are {@code bench/overhead.sh}.
 */
package dev.vtrace.bench;
