package dev.vtrace.samples;

/** What the samples need to know about the virtual-thread scheduler of this JVM. */
final class Carriers {

    static final String PARALLELISM_PROPERTY = "jdk.virtualThreadScheduler.parallelism";

    private Carriers() {
    }

    /** The scheduler's parallelism: the property if set, else the number of CPUs (the JDK's rule). */
    static int parallelism() {
        return Integer.getInteger(PARALLELISM_PROPERTY, Runtime.getRuntime().availableProcessors());
    }
}
