package dev.secupass.samples.web.testing;

import dev.secupass.api.UserId;
import dev.secupass.core.relay.ClientKeys;
import dev.secupass.core.testing.SealedKeys;
import dev.secupass.samples.web.testing.SecretSearch.Needle;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.openqa.selenium.By;

/** The steps the Chromium tests share: signing in, composing, the page's own SecuPass dialog. */
public final class BrowserSteps {
  private BrowserSteps() {}

  public static void signIn(Browser browser, String username, String password) {
    browser.go("/sign-in");
    browser.type(By.id("username"), username);
    browser.type(By.id("password"), password);
    browser.click(By.id("sign-in"));
    browser.see(By.id("signed-in-as"));
  }

  /** Fills the compose form (the caller sends it). */
  public static void compose(Browser browser, String to, int level, String subject,
      String message, Path file) {
    browser.go("/compose");
    browser.type(By.id("to"), to);
    browser.click(By.id("level-" + level));
    browser.type(By.id("subject"), subject);
    browser.type(By.id("message"), message);
    browser.see(By.id("files")).sendKeys(file.toString());
  }

  /** Enters the SecuPass in the page's own dialog (never sent to the server). */
  public static void enterInBrowser(Browser browser, String secuPass) {
    browser.see(By.id("client-secupass-dialog"));
    browser.type(By.id("client-secupass"), secuPass);
    browser.click(By.id("client-secupass-submit"));
  }

  /** Chooses a SecuPass in the page's own dialog, which shows. */
  public static void chooseInBrowser(Browser browser, String secuPass) {
    browser.type(By.id("client-secupass"), secuPass);
    browser.type(By.id("client-secupass-confirm"), secuPass);
    browser.click(By.id("client-secupass-submit"));
  }

  /**
   * Enters the SecuPass if the page asks in its own dialog (it does unless it kept the keys: keys
   * the SDK made with an X-Wing key cannot be kept as WebCrypto keys); then {@code then} shows.
   */
  public static void enterInPageIfAsked(Browser browser, String secuPass, String then) {
    browser.see(By.cssSelector("#client-secupass-dialog, " + then));
    if (!browser.driver().findElements(By.id("client-secupass-dialog")).isEmpty()) {
      enterInBrowser(browser, secuPass);
    }
    browser.see(By.cssSelector(then));
  }

  /** The user's active private keys, recovered from their stored record with their SecuPass. */
  public static List<Needle> privateKeys(WebFixture web, String who, UserId user,
      String secuPass) {
    ClientKeys stored = web.sdk().relay().keys(user).orElseThrow();
    byte[] secrets = SealedKeys.secrets(user, stored, secuPass);
    return List.of(new Needle(who + "'s X25519 private key", Arrays.copyOfRange(secrets, 0, 32)),
        new Needle(who + "'s Ed25519 seed", Arrays.copyOfRange(secrets, 32, 64)));
  }
}
