package tandem.emotion.live;

import java.util.ArrayDeque;

/**
 * The bounded hand-off between the decoder and the inference thread. It never holds more than {@code capacity}
 * windows. When it is full, a live source must not wait (frames keep coming), so {@link Policy#DROP_OLDEST} drops
 * the window that has waited longest, counts it, and keeps the newest: results stay fresh. A file read as fast as
 * the model goes has no such hurry, so {@link Policy#BLOCK} makes the decoder wait instead and drops nothing.
 */
final class WindowQueue {
    enum Policy { BLOCK, DROP_OLDEST }

    private final ArrayDeque<WindowInput> waiting;
    private final int capacity;
    private final Policy policy;
    private long dropped;
    private boolean closed, aborted;

    WindowQueue(int capacity, Policy policy) {
        if (capacity < 1) throw new IllegalArgumentException("WindowQueue: capacity must be positive, got " + capacity);
        this.capacity = capacity;
        this.policy = policy;
        this.waiting = new ArrayDeque<>(capacity);
    }

    /** Hands a window on; false when the consumer has given up ({@link #abort}) and nothing more is wanted. */
    synchronized boolean put(WindowInput window) throws InterruptedException {
        if (closed) throw new IllegalStateException("WindowQueue: put after close");
        while (policy == Policy.BLOCK && waiting.size() == capacity && !aborted) wait();
        if (aborted) return false;
        if (waiting.size() == capacity) {
            waiting.removeFirst();
            dropped++;
        }
        waiting.addLast(window);
        notifyAll();
        return true;
    }

    /** The oldest waiting window, waiting for one if need be; null once the queue is closed and empty. */
    synchronized WindowInput take() throws InterruptedException {
        while (waiting.isEmpty() && !closed && !aborted) wait();
        if (aborted || waiting.isEmpty()) return null;
        WindowInput w = waiting.removeFirst();
        notifyAll();
        return w;
    }

    /** No more windows will come; those waiting are still taken. */
    synchronized void close() {
        closed = true;
        notifyAll();
    }

    /** The consumer has stopped: drop what waits, and refuse more. */
    synchronized void abort() {
        aborted = true;
        waiting.clear();
        notifyAll();
    }

    /** Windows dropped so far because the consumer fell behind. */
    synchronized long dropped() { return dropped; }

    synchronized int size() { return waiting.size(); }

    int capacity() { return capacity; }
}
