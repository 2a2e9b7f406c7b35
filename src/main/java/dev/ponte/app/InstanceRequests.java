package dev.ponte.app;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * The request a second Ponte sends to the first over {@link SingleInstance}'s socket, one per connection:
 * {@code "PONTE-1"}, an argument count (at most {@value #MAX_ARGS}), each argument as modified UTF-8 (at most
 * {@value #MAX_ARG_CHARS} characters); the answer is {@code "OK"}. Anything else is refused.
 */
final class InstanceRequests {
    static final String MAGIC = "PONTE-1";
    static final int MAX_ARGS = 64;
    static final int MAX_ARG_CHARS = 4096;

    private InstanceRequests() {
    }

    /** Sends the arguments; false when nobody listens there (a dead Ponte's socket). */
    static boolean send(Path socket, List<String> args) throws IOException {
        if (args.size() > MAX_ARGS) {
            throw new IOException("Too many arguments to hand over (" + args.size() + "; at most " + MAX_ARGS + ").");
        }
        try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            DataOutputStream out = new DataOutputStream(Channels.newOutputStream(channel));
            out.writeUTF(MAGIC);
            out.writeInt(args.size());
            for (String a : args) {
                out.writeUTF(a.length() > MAX_ARG_CHARS ? a.substring(0, MAX_ARG_CHARS) : a);
            }
            out.flush();
            DataInputStream in = new DataInputStream(Channels.newInputStream(channel));
            return "OK".equals(in.readUTF());
        } catch (java.net.SocketException | EOFException e) { // refused: a dead Ponte's socket
            LoggerFactory.getLogger(InstanceRequests.class).debug("No Ponte answers on {}: {}", socket, e.toString());
            return false;
        }
    }

    /** Reads one request, refusing anything that is not one. */
    static List<String> read(InputStream stream) throws IOException {
        DataInputStream in = new DataInputStream(stream);
        if (!MAGIC.equals(in.readUTF())) {
            throw new IOException("not a Ponte request");
        }
        int count = in.readInt();
        if (count < 0 || count > MAX_ARGS) {
            throw new IOException("bad argument count " + count);
        }
        List<String> args = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String a = in.readUTF();
            if (a.length() > MAX_ARG_CHARS) {
                throw new IOException("argument " + (i + 1) + " is too long");
            }
            args.add(a);
        }
        return List.copyOf(args);
    }

    /** Arguments that name files, absolute against this process's folder (the running Ponte has another). */
    static List<String> absolute(List<String> args) {
        List<String> out = new ArrayList<>(args.size());
        for (String a : args) {
            if (a.isEmpty() || a.startsWith("-")) {
                out.add(a);
                continue;
            }
            try {
                out.add(Path.of(a).toAbsolutePath().normalize().toString());
            } catch (InvalidPathException e) {
                out.add(a);
            }
        }
        return out;
    }

}
