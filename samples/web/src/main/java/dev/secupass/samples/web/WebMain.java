package dev.secupass.samples.web;

import dev.secupass.api.StorageException;
import dev.secupass.samples.host.HostSettings;
import dev.secupass.samples.host.HostSetupException;
import dev.secupass.samples.host.KdfProfile;
import dev.secupass.samples.host.SampleHost;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Starts the web sample on the embedded default (H2 files, encrypted blobs and the at-rest key in
 * the data folder, shared with the command-line sample) and prints the address to open.
 *
 * <pre>
 * java -jar samples/web/target/secupass-web.jar [--data FOLDER] [--port N] [--host NAME]
 *     [--kdf-profile default|test]
 * </pre>
 */
public final class WebMain {
  private WebMain() {}

  public static void main(String[] args) throws InterruptedException {
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("secupass-web: " + e.getMessage());
      System.err.println("usage: java -jar secupass-web.jar [--data FOLDER] [--port N]"
          + " [--host NAME] [--kdf-profile default|test]");
      System.exit(2);
      return;
    }
    SampleHost host;
    try {
      host = SampleHost.open(new HostSettings(options.data(), null, null, options.kdf(),
          Clock.systemUTC()));
    } catch (HostSetupException | StorageException e) {
      // StorageException: the database cannot be opened (another process holds the folder).
      System.err.println("secupass-web: " + e.getMessage());
      System.exit(1);
      return;
    }
    WebSample sample = WebSample.start(host, WebSettings.defaults(options.port(), options.data())
        .withHost(options.host()));
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      sample.close();
      host.close();
    }));
    System.out.println("SecuPass web sample on " + host.describe());
    System.out.println("SecuPass web sample: open " + sample.address());
    Thread.currentThread().join();
  }

  /** The command line's options. */
  record Options(Path data, int port, String host, KdfProfile kdf) {
    static Options parse(String[] args) {
      Path data = Path.of("secupass-data");
      int port = 8080;
      String host = "localhost";
      KdfProfile kdf = KdfProfile.DEFAULT;
      for (int i = 0; i < args.length; i += 2) {
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException(args[i] + " needs a value");
        }
        String value = args[i + 1];
        switch (args[i]) {
          case "--data" -> data = Path.of(value);
          case "--port" -> port = port(value);
          case "--host" -> host = value;
          case "--kdf-profile" -> kdf = KdfProfile.of(value);
          default -> throw new IllegalArgumentException("unknown option " + args[i]);
        }
      }
      return new Options(data, port, host, kdf);
    }

    private static int port(String value) {
      if (!value.matches("\\d{1,5}") || Integer.parseInt(value) > 65535) {
        throw new IllegalArgumentException("--port needs a number from 0 to 65535");
      }
      return Integer.parseInt(value);
    }
  }
}
