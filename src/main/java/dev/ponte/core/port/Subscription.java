package dev.ponte.core.port;

/** A running watch. Closing it stops delivery; closing twice is harmless. */
@FunctionalInterface
public interface Subscription extends AutoCloseable {
    @Override
    void close();
}
