package dev.secupass.samples.web;

import dev.secupass.core.SecuPassSdk;
import dev.secupass.core.TinkAtRestKey;
import dev.secupass.core.fs.FileSystemBlobStore;
import dev.secupass.core.memory.MemoryStorage;
import dev.secupass.samples.web.host.SampleDirectory;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;

/** Starts the web sample and prints the address to open. */
public final class WebMain {
  private WebMain() {}

  public static void main(String[] args) throws InterruptedException {
    int port = 8080;
    Path data = Path.of("secupass-data");
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--port" -> port = Integer.parseInt(args[i + 1]);
        case "--data" -> data = Path.of(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    Clock clock = Clock.systemUTC();
    SecureRandom random = new SecureRandom();
    MemoryStorage storage = new MemoryStorage(clock);
    SecuPassSdk sdk = SecuPassSdk.builder().storage(storage)
        .blobStore(new FileSystemBlobStore(data.resolve("blobs")))
        .atRestKey(TinkAtRestKey.generate()).clock(clock).random(random).build();
    WebSample sample = WebSample.start(new SampleHost(sdk, storage.guests(),
        SampleDirectory.standard(), clock, random), WebSettings.defaults(port, data));
    Runtime.getRuntime().addShutdownHook(new Thread(sample::close));
    System.out.println("SecuPass web sample: open " + sample.address());
    Thread.currentThread().join();
  }
}
