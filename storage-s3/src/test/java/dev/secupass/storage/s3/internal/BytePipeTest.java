package dev.secupass.storage.s3.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secupass.api.StorageException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The pipe between a writer and the request that sends its bytes, on real threads. */
class BytePipeTest {

  @Test
  void bytesPassInOrderAcrossTheRingsWrapAndEndAfterEnd() throws Exception {
    BytePipe pipe = new BytePipe(1000);
    byte[] bytes = new byte[10_007];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) (i * 31);
    }
    CompletableFuture<byte[]> read = CompletableFuture.supplyAsync(() -> {
      try {
        return pipe.source().readAllBytes();
      } catch (IOException e) {
        throw new AssertionError(e);
      }
    });

    for (int at = 0; at < bytes.length; at += 777) {
      assertThat(pipe.write(bytes, at, Math.min(777, bytes.length - at))).isTrue();
    }
    pipe.end();

    assertThat(read.get(10, TimeUnit.SECONDS)).isEqualTo(bytes);
    assertThat(pipe.unread()).isFalse();
  }

  @Test
  void writerWaitingForRoom_getsFalseWhenTheSenderStops() throws Exception {
    BytePipe pipe = new BytePipe(100);
    CompletableFuture<Boolean> write =
        CompletableFuture.supplyAsync(() -> pipe.write(new byte[1000], 0, 1000));
    Thread.sleep(100);
    assertThat(write).as("waits while the ring is full").isNotDone();

    pipe.stop();

    assertThat(write.get(10, TimeUnit.SECONDS)).isFalse();
  }

  @Test
  void abort_makesTheSendersReadThrow_andNoResendIsAllowed() {
    BytePipe pipe = new BytePipe(100);
    assertThat(pipe.unread()).isTrue();

    pipe.abort();

    assertThatThrownBy(() -> pipe.source().read(new byte[10])).isInstanceOf(IOException.class);
    assertThat(pipe.unread()).isFalse();
  }

  @Test
  void senderWithoutBytesForTheIdleLimit_givesUp() {
    BytePipe pipe = new BytePipe(100, Duration.ofMillis(200));
    InputStream source = pipe.source();

    assertThatThrownBy(() -> source.read(new byte[10]))
        .isInstanceOf(IOException.class).hasMessageContaining("no bytes");
  }

  @Test
  void interruptedWriterWaitingForRoom_throwsStorageExceptionAndKeepsTheInterrupt() {
    BytePipe pipe = new BytePipe(100);
    Thread.currentThread().interrupt();
    try {
      assertThatThrownBy(() -> pipe.write(new byte[1000], 0, 1000))
          .isInstanceOf(StorageException.class);
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
  }
}
