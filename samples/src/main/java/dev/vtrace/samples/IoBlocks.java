package dev.vtrace.samples;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The block-reasons scenarios for I/O, one method per reason: socket read and socket write over
 * loopback (the virtual thread unmounts and waits in the JDK's poller) and a file read (it cannot
 * unmount: the carrier is held and the scheduler compensates with another carrier instead).
 * Connections are set up by the platform main thread, so only the intended wait happens on the
 * named virtual thread.
 */
final class IoBlocks {

    /** Far more than small socket buffers on loopback hold, so the writer must wait for the reader. */
    private static final int WRITE_BYTES = 1 << 20;
    private static final int SMALL_BUFFER_BYTES = 4096;
    static final int FILE_BYTES = 64 * 1024;

    private IoBlocks() {
    }

    static void socketRead(String name) throws IOException, InterruptedException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (ServerSocket server = new ServerSocket(0, 1, loopback);
             Socket client = new Socket(loopback, server.getLocalPort());
             Socket accepted = server.accept()) {
            Waiter reader = Waiter.start(name, () -> {
                if (client.getInputStream().read() != 42) {
                    throw new IllegalStateException("read the wrong byte");
                }
            });
            reader.awaitBlocked();
            accepted.getOutputStream().write(42);
            reader.finish();
        }
    }

    static void socketWrite(String name) throws IOException, InterruptedException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (ServerSocket server = new ServerSocket()) {
            server.setReceiveBufferSize(SMALL_BUFFER_BYTES); // inherited by the accepted socket
            server.bind(new InetSocketAddress(loopback, 0), 1);
            try (Socket client = new Socket()) {
                client.setSendBufferSize(SMALL_BUFFER_BYTES);
                client.connect(server.getLocalSocketAddress());
                try (Socket accepted = server.accept()) {
                    Waiter writer = Waiter.start(name, () -> client.getOutputStream().write(new byte[WRITE_BYTES]));
                    writer.awaitBlocked(); // the peer has read nothing yet: the buffers are full
                    drain(accepted.getInputStream(), WRITE_BYTES);
                    writer.finish();
                }
            }
        }
    }

    /** A file read on a virtual thread: no park, but the carrier blocks in the kernel (compensation). */
    static void fileRead(String name, Path file) throws InterruptedException {
        Waiter reader = Waiter.start(name, () -> {
            try (InputStream in = new FileInputStream(file.toFile())) {
                if (in.readAllBytes().length != FILE_BYTES) {
                    throw new IllegalStateException("short read of " + file);
                }
            }
        });
        reader.finish();
    }

    /** A temporary file of {@link #FILE_BYTES} for {@link #fileRead}, deleted when the JVM exits. */
    static Path createTempFile() throws IOException {
        Path file = Files.createTempFile("vtrace-block-reasons", ".bin");
        file.toFile().deleteOnExit();
        Files.write(file, new byte[FILE_BYTES]);
        return file;
    }

    private static void drain(InputStream in, int bytes) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        for (int total = 0; total < bytes; ) {
            int n = in.read(buffer);
            if (n < 0) {
                throw new IOException("peer closed after " + total + " of " + bytes + " bytes");
            }
            total += n;
        }
    }
}
