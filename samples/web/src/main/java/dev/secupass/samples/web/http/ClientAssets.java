package dev.secupass.samples.web.http;

import com.google.gson.JsonParser;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The scripts that run levels 3 and 4 in the browser, served from fixed paths under {@value
 * #PATH}: the browser client's bundle from its jar (with the integrity hash its build recorded),
 * the page glue {@code client.js} and the download Service Worker {@code client-sw.js} from this
 * sample. Pages load the bundle and the glue as modules with subresource integrity, so a browser
 * runs them only if their bytes are the ones built (a Service Worker script cannot carry an
 * integrity attribute: see docs/threat-model.md).
 */
public final class ClientAssets {
  /** Where the scripts are served. */
  public static final String PATH = "/client/";
  /** The bundle's name in the browser client's jar and here. */
  public static final String BUNDLE = "secupass-browser-client.js";
  private static final String JAR_FOLDER = "META-INF/resources/secupass-browser-client/";

  private final byte[] bundle;
  private final String bundleIntegrity;
  private final byte[] glue;
  private final String glueIntegrity;
  private final byte[] worker;

  private ClientAssets(byte[] bundle, String bundleIntegrity, byte[] glue, byte[] worker) {
    this.bundle = bundle;
    this.bundleIntegrity = bundleIntegrity;
    this.glue = glue;
    this.glueIntegrity = integrity(glue);
    this.worker = worker;
  }

  /**
   * Reads the scripts from the class path and checks the bundle against the integrity hash its
   * build recorded.
   *
   * @throws IllegalStateException if a script is missing or the bundle differs from its hash
   */
  public static ClientAssets load() {
    byte[] bundle = resource(JAR_FOLDER + BUNDLE);
    String recorded = JsonParser.parseString(new String(resource(JAR_FOLDER
        + "secupass-browser-client.integrity.json"), StandardCharsets.UTF_8)).getAsJsonObject()
        .get("integrity").getAsString();
    if (!recorded.equals(integrity(bundle))) {
      throw new IllegalStateException("the browser client's bundle does not match the integrity"
          + " hash its build recorded");
    }
    return new ClientAssets(bundle, recorded, resource("web/client.js"),
        resource("web/client-sw.js"));
  }

  /** The bundle's {@code integrity} value ({@code sha384-...}), as its build printed it. */
  public String bundleIntegrity() {
    return bundleIntegrity;
  }

  /** The module tags of a page that runs the browser client (the bundle first). */
  public String scriptTags() {
    return module(PATH + BUNDLE, bundleIntegrity) + module(PATH + "client.js", glueIntegrity);
  }

  /** Serves the three scripts. */
  public void register(RoutesConfig routes) {
    routes.get(PATH + BUNDLE, ctx -> script(ctx, bundle));
    routes.get(PATH + "client.js", ctx -> script(ctx, glue));
    routes.get(PATH + "client-sw.js", ctx -> script(ctx, worker));
  }

  private static void script(Context ctx, byte[] body) {
    ctx.contentType("text/javascript; charset=utf-8").result(body);
  }

  private static String module(String src, String integrity) {
    return "<script type=\"module\" src=\"" + src + "\" integrity=\"" + integrity
        + "\" crossorigin=\"anonymous\"></script>";
  }

  private static String integrity(byte[] bytes) {
    try {
      return "sha384-" + Base64.getEncoder().encodeToString(
          MessageDigest.getInstance("SHA-384").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] resource(String name) {
    try (InputStream in = ClientAssets.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing from the class path: " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
