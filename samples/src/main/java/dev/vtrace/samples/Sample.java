package dev.vtrace.samples;

import java.util.List;
import java.util.Objects;

/**
 * One runnable workload of the catalogue (see {@link Samples}).
 *
 * <p>To run it in a fresh JVM: {@code java <jvmOptions> -cp <samples jar> <mainClass> [args]}, or
 * {@code java <jvmOptions> -cp <samples jar> dev.vtrace.samples.SampleMain <name> [args]}.
 *
 * @param name        the short name users type, e.g. {@code "worker-pool"}; never null
 * @param description one line saying what situation it reproduces; never null
 * @param mainClass   binary name of the class whose {@code public static void main(String[])} runs it
 * @param jvmOptions  options the JVM should be started with for the intended behaviour (for example
 *                    {@code -Djdk.virtualThreadScheduler.parallelism=1}); immutable, possibly empty
 * @param smallArgs   arguments that shrink the run to well under a second, for tests; immutable,
 *                    possibly empty
 */
public record Sample(String name, String description, String mainClass, List<String> jvmOptions,
                     List<String> smallArgs) {

    public Sample {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(mainClass, "mainClass");
        jvmOptions = List.copyOf(jvmOptions);
        smallArgs = List.copyOf(smallArgs);
    }
}
