package dev.secupass.benchmarks.s3;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * The heap a task needs: the highest used heap sampled every 2 ms (which includes garbage not
 * yet collected, so it mostly shows how full the collector lets the heap get), and the highest
 * heap still in use right after a garbage collection (what the task actually keeps alive).
 *
 * @param liveBefore bytes in use after a full collection before the task
 * @param peakUsed bytes
 * @param peakLiveAfterGc bytes
 * @param collections garbage collections during the task
 */
record HeapPeak(long liveBefore, long peakUsed, long peakLiveAfterGc, int collections) {

  /** Runs {@code task} and measures its heap. */
  static HeapPeak during(Runnable task) throws InterruptedException {
    Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(pool -> pool.getType() == MemoryType.HEAP)
        .map(MemoryPoolMXBean::getName)
        .collect(Collectors.toSet());
    AtomicLong live = new AtomicLong();
    AtomicLong collections = new AtomicLong();
    NotificationListener listener = (notification, handback) -> {
      if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION
          .equals(notification.getType())) {
        GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from(
            (CompositeData) notification.getUserData());
        long after = info.getGcInfo().getMemoryUsageAfterGc().entrySet().stream()
            .filter(pool -> heapPools.contains(pool.getKey()))
            .mapToLong(pool -> pool.getValue().getUsed())
            .sum();
        live.accumulateAndGet(after, Math::max);
        collections.incrementAndGet();
      }
    };
    List<NotificationEmitter> emitters = new ArrayList<>();
    for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (collector instanceof NotificationEmitter emitter) {
        emitter.addNotificationListener(listener, null, null);
        emitters.add(emitter);
      }
    }
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    AtomicLong used = new AtomicLong();
    Thread sampler = new Thread(() -> {
      while (!Thread.currentThread().isInterrupted()) {
        used.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
        try {
          Thread.sleep(2);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "heap-sampler");
    System.gc();
    long before = memory.getHeapMemoryUsage().getUsed();
    sampler.start();
    try {
      task.run();
    } finally {
      sampler.interrupt();
      sampler.join();
      for (NotificationEmitter emitter : emitters) {
        try {
          emitter.removeNotificationListener(listener);
        } catch (javax.management.ListenerNotFoundException e) {
          // Already gone.
        }
      }
    }
    return new HeapPeak(before, used.get(), live.get(), (int) collections.get());
  }
}
