package dev.vtrace.samples;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Runs a sample by name: {@code java -cp samples.jar dev.vtrace.samples.SampleMain <name> [--key=value ...]}.
 * Without arguments it lists the samples. The sample runs in this JVM, so its
 * {@link Sample#jvmOptions()} must be on this JVM's command line; they are shown in the listing.
 */
public final class SampleMain {

    private SampleMain() {
    }

    public static void main(String[] args) throws Throwable {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
            printListing();
            return;
        }
        Optional<Sample> sample = Samples.byName(args[0]);
        if (sample.isEmpty()) {
            System.err.println("unknown sample '" + args[0] + "'; known: "
                    + Samples.all().stream().map(Sample::name).collect(Collectors.joining(", ")));
            System.exit(2);
        }
        mainOf(sample.get()).invokeExact(Arrays.copyOfRange(args, 1, args.length));
    }

    private static MethodHandle mainOf(Sample sample) throws ReflectiveOperationException {
        Class<?> mainClass = Class.forName(sample.mainClass());
        return MethodHandles.publicLookup()
                .findStatic(mainClass, "main", MethodType.methodType(void.class, String[].class));
    }

    private static void printListing() {
        System.out.println("usage: SampleMain <sample> [--key=value ...]");
        System.out.println();
        for (Sample s : Samples.all()) {
            System.out.printf("  %-16s %s%n", s.name(), s.description());
            if (!s.jvmOptions().isEmpty()) {
                System.out.printf("  %-16s JVM options: %s%n", "", String.join(" ", s.jvmOptions()));
            }
        }
    }
}
