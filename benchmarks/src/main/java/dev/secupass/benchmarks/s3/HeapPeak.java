package dev.secupass.benchmarks.s3;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/** Samples the used heap every few milliseconds while a task runs and reports the highest. */
final class HeapPeak {
  private HeapPeak() {}

  /** Runs {@code task} and returns the peak used heap in bytes seen during it. */
  static long during(Runnable task) throws InterruptedException {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long[] peak = {0};
    Thread sampler = new Thread(() -> {
      while (!Thread.currentThread().isInterrupted()) {
        peak[0] = Math.max(peak[0], memory.getHeapMemoryUsage().getUsed());
        try {
          Thread.sleep(2);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "heap-sampler");
    System.gc();
    sampler.start();
    try {
      task.run();
    } finally {
      sampler.interrupt();
      sampler.join();
    }
    return peak[0];
  }
}
