package dev.secupass.samples.cli;

import static dev.secupass.samples.cli.testing.People.ALICE_PASS;
import static dev.secupass.samples.cli.testing.People.PAUL_PASS;
import static dev.secupass.samples.cli.testing.People.sentId;
import static org.assertj.core.api.Assertions.assertThat;

import dev.secupass.samples.cli.testing.Cli;
import dev.secupass.samples.cli.testing.People;
import dev.secupass.samples.cli.testing.Postgres;
import dev.secupass.samples.cli.testing.S3Server;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same app on a real deployment: metadata in PostgreSQL, ciphertext in an S3 bucket (S3Proxy
 * in this JVM), configured by flags or by environment variables.
 */
class RealDeploymentTest {
  private static final String BUCKET = "secupass-samples";

  @TempDir
  static Path temp;

  private static Postgres postgres;
  private static S3Server s3;

  @BeforeAll
  static void servers() throws Exception {
    postgres = new Postgres();
    s3 = new S3Server(Files.createDirectories(temp.resolve("s3")));
    s3.createBucket(BUCKET);
  }

  @AfterAll
  static void stop() throws Exception {
    s3.close();
    postgres.close();
  }

  @Test
  void demo_onPostgresAndS3_playsTheStory_underPrefixesOfItsOwn() throws Exception {
    Cli cli = new Cli(temp.resolve("unused"))
        .env("SECUPASS_JDBC_PASSWORD", postgres.password())
        .env("SECUPASS_S3_ACCESS_KEY", S3Server.ACCESS_KEY)
        .env("SECUPASS_S3_SECRET_KEY", S3Server.SECRET_KEY);

    String out = cli.runRaw("--jdbc-url", postgres.url(), "--jdbc-user", postgres.user(),
        "--s3-bucket", BUCKET, "--s3-endpoint", s3.endpoint().toString(), "--s3-path-style",
        "demo", "--dir", temp.resolve("demo").toString()).ok();

    Matcher prefix = Pattern.compile("\\(tables (demo_[0-9a-f]{8}_)\\*\\); encrypted files in S3"
        + " bucket " + BUCKET + " under (demo-[0-9a-f]{8})").matcher(out);
    assertThat(prefix.find()).as("storage line in: %s", out).isTrue();
    assertThat(out).contains("[paul] tries to open the room again: ");
    assertThat(postgres.tables(prefix.group(1))).isNotEmpty();
    assertThat(s3.keys(BUCKET, prefix.group(2))).isNotEmpty();
    assertThat(temp.resolve("demo/db")).doesNotExist();
    assertThat(temp.resolve("demo/blobs")).doesNotExist();
  }

  @Test
  void commands_configuredByEnvironment_sendAndDownloadThroughS3() throws Exception {
    Cli cli = new Cli(temp.resolve("data"))
        .env("SECUPASS_JDBC_URL", postgres.url())
        .env("SECUPASS_JDBC_USER", postgres.user())
        .env("SECUPASS_JDBC_PASSWORD", postgres.password())
        .env("SECUPASS_JDBC_TABLE_PREFIX", "cmd_")
        .env("SECUPASS_S3_BUCKET", BUCKET)
        .env("SECUPASS_S3_ENDPOINT", s3.endpoint().toString())
        .env("SECUPASS_S3_PATH_STYLE", "true")
        .env("SECUPASS_S3_KEY_PREFIX", "commands")
        .env("SECUPASS_S3_ACCESS_KEY", S3Server.ACCESS_KEY)
        .env("SECUPASS_S3_SECRET_KEY", S3Server.SECRET_KEY);
    People.addAliceAndPaul(cli);
    People.activate(cli, "alice", ALICE_PASS);
    People.activate(cli, "paul", PAUL_PASS);
    People.verify(cli, "alice", ALICE_PASS, "paul");
    byte[] bytes = new byte[1_200_000];
    new Random(3).nextBytes(bytes);
    Path plan = Files.write(temp.resolve("plan.bin"), bytes);

    String id = sentId(cli.as("alice", ALICE_PASS, "send", "--level", "3", "--to", "paul",
        plan.toString()).ok());
    Path folder = temp.resolve("received");
    cli.as("paul", PAUL_PASS, "download", id, "--out", folder.toString()).ok();

    assertThat(Files.readAllBytes(folder.resolve("plan.bin"))).isEqualTo(bytes);
    assertThat(s3.keys(BUCKET, "commands")).hasSize(1);
    assertThat(postgres.tables("cmd_")).isNotEmpty();
    assertThat(cli.data().resolve("db")).doesNotExist();
  }
}
