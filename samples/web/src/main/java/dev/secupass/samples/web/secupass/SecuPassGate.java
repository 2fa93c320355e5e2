package dev.secupass.samples.web.secupass;

import dev.secupass.api.ConflictException;
import dev.secupass.api.Person;
import dev.secupass.api.SecuPassRequiredException;
import dev.secupass.api.SessionClosedException;
import dev.secupass.api.UnlockRequiredException;
import dev.secupass.api.UserId;
import dev.secupass.api.WrongAccessCodeException;
import dev.secupass.api.WrongSecuPassException;
import dev.secupass.core.SignedInUser;
import dev.secupass.core.guests.AccessCode;
import dev.secupass.core.keys.SecuPass;
import dev.secupass.core.keys.SecuPassSession;
import dev.secupass.core.keys.SecuPasses;
import dev.secupass.samples.host.SampleHost;
import dev.secupass.samples.web.session.CsrfGuard;
import dev.secupass.samples.web.session.WebSession;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Where the sample meets the SDK's SecuPass signals. Handlers run their SDK calls through {@link
 * #call} (or {@link #withSession}); when the SDK says a SecuPass must be chosen or entered, the
 * response becomes the matching dialog, whose form posts back to the interrupted action with the
 * typed SecuPass added. {@link #acceptTyped} at the start of such an action activates or unlocks
 * with it and keeps the session in the web session, on the server.
 *
 * <p>The typed SecuPass arrives in a POST body only, is handed to the SDK as a {@link SecuPass}
 * that is closed (wiped) right after, and is never logged, echoed or put in a URL.
 */
public final class SecuPassGate {
  /** The dialog's SecuPass field. */
  public static final String FIELD = "secupass";
  /** The activation dialog's confirmation field. */
  public static final String CONFIRM = "secupass_confirm";
  /** The dialog's mode field: {@code activate} or {@code unlock}. */
  public static final String MODE = "secupass_mode";

  /** The activation dialog's access code field (a guest whose sender set one). */
  public static final String ACCESS_CODE = "access_code";

  private static final Set<String> NEVER_REPLAYED = Set.of(FIELD, CONFIRM, MODE, CsrfGuard.FIELD,
      "password", "password_confirm", "current", "next_secupass", "next_confirm", ACCESS_CODE);

  private final SecuPasses secuPass;
  private final KdfTiming timing;

  public SecuPassGate(SecuPasses secuPass, KdfTiming timing) {
    this.secuPass = secuPass;
    this.timing = timing;
  }

  /**
   * If the request carries a typed SecuPass (from the dialog), activates or unlocks with it and
   * keeps the session in {@code ws}.
   *
   * @throws DialogNeeded again, with the reason, if it is wrong, too short or not confirmed
   */
  public void acceptTyped(Context ctx, WebSession ws, SignedInUser user) {
    String typed = ctx.formParam(FIELD);
    if (typed == null) {
      return;
    }
    boolean activate = "activate".equals(ctx.formParam(MODE));
    if (activate) {
      if (typed.length() < SampleHost.MIN_SECUPASS_LENGTH) {
        throw dialog(ctx, DialogNeeded.Mode.ACTIVATE, "A SecuPass needs at least " + SampleHost.MIN_SECUPASS_LENGTH
            + " characters.");
      }
      if (!typed.equals(ctx.formParam(CONFIRM))) {
        throw dialog(ctx, DialogNeeded.Mode.ACTIVATE, "The two entries differ.");
      }
    }
    AccessCode code = activate ? accessCode(ctx, ws) : null;
    long start = System.nanoTime();
    try (SecuPass pass = SecuPass.of(typed)) {
      SecuPassSession session = !activate ? secuPass.unlock(user.user(), pass)
          : code != null ? secuPass.activate(user.user(), pass, code)
          : secuPass.activate(user.user(), pass);
      ws.holdSecuPass(session);
      ws.forgetAccessCode();
    } catch (WrongAccessCodeException e) {
      ws.forgetAccessCode();
      throw dialog(ctx, DialogNeeded.Mode.ACTIVATE, "This access code does not match your"
          + " delivery. Check it with the sender and type it below.");
    } catch (WrongSecuPassException e) {
      throw dialog(ctx, DialogNeeded.Mode.UNLOCK, "Wrong SecuPass. Try again.", 403);
    } catch (ConflictException e) {
      throw dialog(ctx, DialogNeeded.Mode.UNLOCK, "You already have a SecuPass: enter it.");
    } catch (SecuPassRequiredException e) {
      throw dialog(ctx, DialogNeeded.Mode.ACTIVATE, "You have no SecuPass yet: choose one.");
    }
    timing.record(Duration.ofNanos(System.nanoTime() - start));
  }

  /**
   * The access code for an activation: typed in the dialog (after a wrong one), or kept from the
   * guest's registration.
   */
  private static @Nullable AccessCode accessCode(Context ctx, WebSession ws) {
    String typed = ctx.formParam(ACCESS_CODE);
    if (typed == null || typed.isBlank()) {
      return ws.accessCode().orElse(null);
    }
    try {
      return AccessCode.parse(typed);
    } catch (IllegalArgumentException e) {
      throw dialog(ctx, DialogNeeded.Mode.ACTIVATE, "That is not an access code: it has 12"
          + " letters and digits, as the sender read it to you.");
    }
  }

  /**
   * Runs {@code action} with the open SecuPass session, or with {@code null} if there is none, and
   * turns the SDK's "SecuPass required" and "unlock required" signals into the dialogs.
   */
  public <T> T call(Context ctx, WebSession ws, Function<@Nullable SecuPassSession, T> action) {
    try {
      return action.apply(ws.secuPass().orElse(null));
    } catch (SecuPassRequiredException e) {
      throw dialog(ctx, DialogNeeded.Mode.ACTIVATE, null);
    } catch (UnlockRequiredException e) {
      throw dialog(ctx, DialogNeeded.Mode.UNLOCK, null);
    } catch (SessionClosedException e) {
      ws.lockSecuPass();
      throw dialog(ctx, DialogNeeded.Mode.UNLOCK, "Your SecuPass session closed after a while"
          + " without use. Enter your SecuPass again.");
    }
  }

  /** Runs {@code action} with the open SecuPass session; without one, the matching dialog. */
  public <T> T withSession(Context ctx, WebSession ws, UserId user,
      Function<SecuPassSession, T> action) {
    return call(ctx, ws, session -> {
      if (session == null) {
        if (!secuPass.hasSecuPass(user)) {
          throw new SecuPassRequiredException(Person.of(user));
        }
        throw new UnlockRequiredException(Person.of(user));
      }
      return action.apply(session);
    });
  }

  /** The dialog asked for directly, returning to {@code next} afterwards. */
  public static DialogNeeded ask(DialogNeeded.Mode mode, String next) {
    return new DialogNeeded(mode, "/secupass", Map.of("next", List.of(next)), null, 200);
  }

  /** The dialog that continues {@code ctx}'s request (status 200, or 400 with an error). */
  public static DialogNeeded dialog(Context ctx, DialogNeeded.Mode mode, @Nullable String error) {
    return dialog(ctx, mode, error, error == null ? 200 : 400);
  }

  private static DialogNeeded dialog(Context ctx, DialogNeeded.Mode mode, @Nullable String error,
      int status) {
    if (HandlerType.POST.equals(ctx.method()) && ctx.isFormUrlencoded()) {
      Map<String, List<String>> replay = new LinkedHashMap<>(ctx.formParamMap());
      replay.keySet().removeAll(NEVER_REPLAYED);
      return new DialogNeeded(mode, ctx.path(), replay, error, status);
    }
    String query = ctx.queryString();
    String next = ctx.path() + (query == null ? "" : "?" + query);
    return new DialogNeeded(mode, "/secupass", Map.of("next", List.of(next)), error, status);
  }
}
