package dev.ponte.core.port;

/** A running log stream. Closing it stops delivery (no end or error follows); closing twice is harmless. */
@FunctionalInterface
public interface LogStream extends AutoCloseable {
    @Override
    void close();
}
