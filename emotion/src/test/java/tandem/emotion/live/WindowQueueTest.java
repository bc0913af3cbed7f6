package tandem.emotion.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The hand-off to the inference thread: a live source drops the oldest waiting window (and counts it) rather than
 * hold more than the capacity; a file blocks instead and drops nothing; a consumer that gives up stops the producer.
 */
class WindowQueueTest {
    static WindowInput window(long i) { return new WindowInput(i, i, i + 1, List.of(), null, System.nanoTime()); }

    @Test
    void aLiveSourceDropsTheOldestWaitingWindowAndCountsIt() throws InterruptedException {
        WindowQueue q = new WindowQueue(2, WindowQueue.Policy.DROP_OLDEST);
        for (long i = 0; i < 10; i++) assertTrue(q.put(window(i)));
        assertEquals(2, q.size(), "never more than the capacity");
        assertEquals(8, q.dropped());
        assertEquals(8, q.take().index(), "the newest windows stay, in order");
        assertEquals(9, q.take().index());
        q.close();
        assertNull(q.take(), "closed and empty");
    }

    @Test
    void aFileWaitsForTheConsumerAndDropsNothing() throws Exception {
        WindowQueue q = new WindowQueue(1, WindowQueue.Policy.BLOCK);
        q.put(window(0));
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean putReturned = new AtomicBoolean();
        Thread producer = new Thread(() -> {
            started.countDown();
            try {
                q.put(window(1));
                putReturned.set(true);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        });
        producer.start();
        assertTrue(started.await(5, TimeUnit.SECONDS));
        producer.join(200);
        assertFalse(putReturned.get(), "the second window waits while the first is not taken");
        assertEquals(0, q.take().index());
        producer.join(5000);
        assertTrue(putReturned.get());
        assertEquals(1, q.take().index());
        assertEquals(0, q.dropped());
    }

    @Test
    void aConsumerThatGivesUpReleasesABlockedProducer() throws Exception {
        WindowQueue q = new WindowQueue(1, WindowQueue.Policy.BLOCK);
        q.put(window(0));
        AtomicBoolean accepted = new AtomicBoolean(true);
        Thread producer = new Thread(() -> {
            try {
                accepted.set(q.put(window(1)));
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        });
        producer.start();
        q.abort();
        producer.join(5000);
        assertFalse(producer.isAlive());
        assertFalse(accepted.get(), "put reports that nothing more is wanted");
        assertNull(q.take());
    }
}
