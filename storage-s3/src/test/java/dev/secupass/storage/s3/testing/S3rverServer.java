package dev.secupass.storage.s3.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Base64;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * s3rver (npm), a second S3 implementation beside S3Proxy, in a Node.js process of its own on a
 * free loopback port. The package and its exact dependency tree are pinned by {@code
 * src/test/s3rver/package.json} and {@code package-lock.json}; the first use installs them with
 * {@code npm ci} into {@code target/s3rver} (npm's cache makes later installs fast), starts the
 * server on a fresh data directory and stops it when the JVM exits. One server serves the whole
 * test run; each caller gets its own bucket. Needs {@code node} and {@code npm} on the path.
 *
 * <p>It serves HTTPS, with a self-signed certificate for 127.0.0.1 made by the JDK's {@code
 * keytool} for this run, which the clients of {@link #client()} and {@link #newClient()} trust:
 * s3rver does not decode {@code aws-chunked} bodies, and over plain HTTP the AWS SDK signs every
 * upload chunk by chunk in that encoding, which s3rver would store as the object's bytes. Over
 * HTTPS, with flexible checksums off (no trailer), the SDK sends plain bodies.
 */
public final class S3rverServer {
  /** s3rver's built-in account. */
  public static final String ACCESS_KEY = "S3RVER";
  public static final String SECRET_KEY = "S3RVER";

  private static final Pattern LISTENING = Pattern.compile("S3rver listening on [^:]+:(\\d+)");
  private static final AtomicInteger BUCKETS = new AtomicInteger();
  private static S3rverServer shared;

  private final Path data;
  private final Process process;
  private final URI endpoint;
  private final TrustManager[] trust;
  private final S3Client client;

  private S3rverServer() throws IOException, InterruptedException, GeneralSecurityException {
    Path installed = install();
    data = Files.createTempDirectory("secupass-s3rver");
    Path tls = Files.createDirectories(data.resolve("tls"));
    trust = makeCertificate(tls);
    Path objects = Files.createDirectories(data.resolve("objects"));
    process = new ProcessBuilder("node",
        installed.resolve("node_modules/s3rver/bin/s3rver.js").toString(),
        "--directory", objects.toString(), "--address", "127.0.0.1", "--port", "0", "--silent",
        "--key", tls.resolve("key.pem").toString(), "--cert", tls.resolve("cert.pem").toString())
        .redirectErrorStream(true)
        .start();
    endpoint = URI.create("https://127.0.0.1:" + awaitPort(process));
    client = newClient();
  }

  /** The server of this test run, started on first use and stopped when the JVM exits. */
  public static synchronized S3rverServer shared() {
    if (shared == null) {
      try {
        shared = new S3rverServer();
      } catch (IOException | GeneralSecurityException e) {
        throw new IllegalStateException("s3rver did not start", e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while starting s3rver", e);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(shared::stop, "s3rver-stop"));
    }
    return shared;
  }

  public URI endpoint() {
    return endpoint;
  }

  /** A plain SDK client with the settings s3rver needs, for checking what the server holds. */
  public S3Client client() {
    return client;
  }

  /** Trust managers that trust this run's certificate (for a client of one's own). */
  public TrustManager[] trustManagers() {
    return trust.clone();
  }

  /** Creates a fresh, empty bucket and returns its name. */
  public String newBucket() {
    String name = "secupass-" + BUCKETS.incrementAndGet();
    client.createBucket(r -> r.bucket(name));
    return name;
  }

  /**
   * A new client with the settings s3rver needs, as a host would build it for a store: path-style
   * addressing, flexible checksums only where required, and this run's certificate trusted.
   */
  public S3Client newClient() {
    return S3Client.builder()
        .httpClientBuilder(Apache5HttpClient.builder().tlsTrustManagersProvider(() -> trust))
        .endpointOverride(endpoint)
        .forcePathStyle(true)
        .region(Region.US_EAST_1)
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
        .build();
  }

  /**
   * Makes a key pair and a self-signed certificate for 127.0.0.1 with the JDK's keytool, writes
   * them as PEM files for s3rver into {@code dir}, and returns trust managers that trust it.
   */
  private static TrustManager[] makeCertificate(Path dir)
      throws IOException, InterruptedException, GeneralSecurityException {
    Path keystore = dir.resolve("s3rver.p12");
    char[] password = "s3rver-test".toCharArray();
    Process keytool = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-genkeypair", "-alias", "s3rver", "-keyalg", "EC", "-groupname", "secp256r1",
        "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-validity", "7",
        "-storetype", "PKCS12", "-keystore", keystore.toString(),
        "-storepass", new String(password), "-keypass", new String(password))
        .redirectErrorStream(true).start();
    String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!keytool.waitFor(1, TimeUnit.MINUTES) || keytool.exitValue() != 0) {
      throw new IOException("keytool failed:\n" + output);
    }
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (var in = Files.newInputStream(keystore)) {
      store.load(in, password);
    }
    Certificate certificate = store.getCertificate("s3rver");
    Files.writeString(dir.resolve("cert.pem"), pem("CERTIFICATE", certificate.getEncoded()));
    Files.writeString(dir.resolve("key.pem"),
        pem("PRIVATE KEY", store.getKey("s3rver", password).getEncoded()));
    KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
    trusted.load(null, null);
    trusted.setCertificateEntry("s3rver", certificate);
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(trusted);
    return factory.getTrustManagers();
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }

  /**
   * Runs {@code npm ci} in {@code target/s3rver} on a copy of the committed package files, unless
   * an earlier run installed exactly that lock file there.
   */
  private static Path install() throws IOException, InterruptedException {
    Path source = Path.of(System.getProperty("secupass.s3rver.package", "src/test/s3rver"));
    Path target = Path.of(System.getProperty("secupass.s3rver.install", "target/s3rver"));
    Path lock = source.resolve("package-lock.json");
    Path installedLock = target.resolve("node_modules/.secupass-installed-lock.json");
    if (Files.exists(installedLock) && Files.mismatch(lock, installedLock) == -1) {
      return target;
    }
    Files.createDirectories(target);
    Files.copy(source.resolve("package.json"), target.resolve("package.json"),
        StandardCopyOption.REPLACE_EXISTING);
    Files.copy(lock, target.resolve("package-lock.json"), StandardCopyOption.REPLACE_EXISTING);
    List<String> command = new ArrayList<>(List.of("npm", "ci", "--no-audit", "--no-fund",
        "--loglevel=error"));
    Process npm = new ProcessBuilder(command).directory(target.toFile())
        .redirectErrorStream(true).start();
    String output = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!npm.waitFor(10, TimeUnit.MINUTES) || npm.exitValue() != 0) {
      npm.destroyForcibly();
      throw new IOException("npm ci in " + target.toAbsolutePath() + " failed:\n" + output);
    }
    Files.copy(lock, installedLock, StandardCopyOption.REPLACE_EXISTING);
    return target;
  }

  /** Reads the server's output until it names its port. */
  private static int awaitPort(Process process) throws IOException {
    BufferedReader lines = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    StringBuilder seen = new StringBuilder();
    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
      Matcher matcher = LISTENING.matcher(line);
      if (matcher.find()) {
        Thread drain = new Thread(() -> drain(lines), "s3rver-output");
        drain.setDaemon(true);
        drain.start();
        return Integer.parseInt(matcher.group(1));
      }
      seen.append(line).append('\n');
    }
    throw new IOException("s3rver ended without listening:\n" + seen);
  }

  private static void drain(BufferedReader lines) {
    try {
      while (lines.readLine() != null) {
        // s3rver logs nothing with --silent; keep its pipe from filling up regardless.
      }
    } catch (IOException e) {
      // The process ended.
    }
  }

  private void stop() {
    client.close();
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
    }
    try (Stream<Path> paths = Files.walk(data)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
