/**
 * Small runnable workloads that reproduce classic virtual-thread scheduler situations, for the docs,
 * the tests and {@code trace record --sample}.
 *
 * <p>The module owns the workloads and their catalogue, nothing else: it depends on the JDK only, so
 * a sample runs unchanged under the recorder's {@code -javaagent} or under JFR. The public surface is
 * the registry ({@link dev.vtrace.samples.Samples}, {@link dev.vtrace.samples.Sample}), the dispatcher
 * {@link dev.vtrace.samples.SampleMain}, and one public class with a {@code main} per sample; the
 * helpers are package-private.
 *
 * <p>Every sample follows the same conventions, so tools can drive any of them:
 * <ul>
 *   <li>parameters are {@code --key=value} arguments (a bare {@code --flag} means {@code true}), all
 *       with defaults; an unknown key or a bad value ends the program with exit status 2;</li>
 *   <li>the result is printed to stdout as {@code key=value} lines, comments start with {@code #};
 *       counts that the program confirmed itself (items processed, threads parked, blocks observed)
 *       are ground truth a trace of the run can be checked against;</li>
 *   <li>at default size a sample ends on its own within a few seconds, with
 *       {@link dev.vtrace.samples.Sample#smallArgs()} well under one second.</li>
 * </ul>
 */
package dev.vtrace.samples;
