package dev.vtrace.samples;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The unit of CPU work the samples share: a chain of SHA-256 hashes over a 4 KiB block derived from
 * an item number, about 50 µs on a current x86 core (with SHA instructions). Deterministic, so two
 * samples doing the same items print the same checksum. Not thread-safe: one instance per thread.
 */
final class CpuWork {

    static final int BLOCK_BYTES = 4096;
    /** Chain length, chosen so one item costs about 50 µs. */
    private static final int ROUNDS = 12;

    private final MessageDigest sha256;
    private final byte[] block = new byte[BLOCK_BYTES];

    CpuWork() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every JDK has SHA-256", e);
        }
    }

    /** Does one item's work and returns 64 bits of its final digest. */
    long hashItem(long item) {
        long x = item * 0x9E3779B97F4A7C15L + 1;
        for (int i = 0; i < block.length; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            block[i] = (byte) x;
        }
        byte[] digest = new byte[0];
        for (int r = 0; r < ROUNDS; r++) {
            sha256.update(block);
            sha256.update(digest);
            digest = sha256.digest();
        }
        long result = 0;
        for (int i = 0; i < 8; i++) {
            result = (result << 8) | (digest[i] & 0xFF);
        }
        return result;
    }

    /** Hashes until {@code deadlineNanos} (a {@link System#nanoTime()} value) without ever blocking. */
    long spinUntil(long deadlineNanos) {
        long checksum = 0;
        for (long item = 0; System.nanoTime() < deadlineNanos; item++) {
            checksum += hashItem(item);
        }
        return checksum;
    }
}
