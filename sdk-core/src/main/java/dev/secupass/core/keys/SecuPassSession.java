package dev.secupass.core.keys;

import dev.secupass.core.keylog.KeyLogAlarm;
import java.util.List;

import dev.secupass.api.Fingerprint;
import dev.secupass.api.KeyVersion;
import dev.secupass.api.UserId;

/**
 * A user's unlocked SecuPass: their identity while their private keys are in memory. The host gets
 * one from {@link SecuPasses#activate}, {@link SecuPasses#unlock} or {@link SecuPasses#reset} and
 * hands it back to the SDK's parts (sending and opening at levels 3-4, data rooms, grants); it
 * offers no key operation of its own. A session belongs to the {@code SecuPassSdk} that made it:
 * another instance refuses it with {@link IllegalArgumentException}.
 *
 * <p>{@link #close()} overwrites the private keys; close it at logout. A session unused for the
 * SDK's idle timeout is closed by the SDK's session reaper without waiting to be used again, and
 * {@code SecuPassSdk.close()} closes every session still open. Using a closed session throws {@link
 * dev.secupass.api.SessionClosedException}, one that idled out {@link
 * dev.secupass.api.SessionExpiredException}: unlock again.
 *
 * <p>Safe for use by many threads; closing waits for operations that use the keys.
 */
public interface SecuPassSession extends AutoCloseable {

  /** Whose keys these are. */
  UserId user();

  /** The version of the keys held (1 after activation, one more after each reset). */
  KeyVersion keyVersion();

  /** The fingerprint of the keys held, for reading out to others. */
  Fingerprint fingerprint();

  /**
   * What the check of the key transparency log found when this session was opened: empty if the
   * log holds exactly the keys this user's SDK made for them. Anything else must be shown to the
   * user (someone else's key may be receiving what is sent to them) and the host's operators
   * alerted; the host also gets each as a {@link dev.secupass.core.events.KeyLogAlarmRaised}
   * event.
   */
  List<KeyLogAlarm> keyLogAlarms();

  /** Whether the session is neither closed nor past its idle timeout. */
  boolean isOpen();

  /** Overwrites the private keys. Idempotent. */
  @Override
  void close();
}
