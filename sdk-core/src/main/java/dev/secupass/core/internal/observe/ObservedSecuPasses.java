package dev.secupass.core.internal.observe;

import dev.secupass.api.Fingerprint;
import dev.secupass.api.UserId;
import dev.secupass.core.grants.GrantRun;
import dev.secupass.core.guests.AccessCode;
import dev.secupass.core.keys.SecuPass;
import dev.secupass.core.keys.SecuPassSession;
import dev.secupass.core.keys.SecuPasses;
import dev.secupass.core.observe.ObservationTag;
import dev.secupass.core.observe.Operation;
import dev.secupass.core.observe.SecuPassObserver;
import java.util.Optional;

/** Measures activations, resets, unlocks and changes; installed only with an observer. */
public final class ObservedSecuPasses implements SecuPasses {
  private final SecuPasses delegate;
  private final SecuPassObserver observer;

  public ObservedSecuPasses(SecuPasses delegate, SecuPassObserver observer) {
    this.delegate = delegate;
    this.observer = observer;
  }

  @Override
  public SecuPassSession activate(UserId user, SecuPass secuPass) {
    return Run.measure(observer, Operation.ACTIVATION, run -> {
      run.tag(ObservationTag.KIND, "activate");
      return delegate.activate(user, secuPass);
    });
  }

  @Override
  public SecuPassSession activate(UserId user, SecuPass secuPass, AccessCode code) {
    return Run.measure(observer, Operation.ACTIVATION, run -> {
      run.tag(ObservationTag.KIND, "activate");
      return delegate.activate(user, secuPass, code);
    });
  }

  @Override
  public SecuPassSession unlock(UserId user, SecuPass secuPass) {
    return Run.measure(observer, Operation.UNLOCK, run -> delegate.unlock(user, secuPass));
  }

  @Override
  public void change(UserId user, SecuPass current, SecuPass next) {
    Run.perform(observer, Operation.CHANGE, run -> delegate.change(user, current, next));
  }

  @Override
  public SecuPassSession reset(UserId user, SecuPass next) {
    return Run.measure(observer, Operation.ACTIVATION, run -> {
      run.tag(ObservationTag.KIND, "reset");
      return delegate.reset(user, next);
    });
  }

  @Override
  public boolean hasSecuPass(UserId user) {
    return delegate.hasSecuPass(user);
  }

  @Override
  public void requireSecuPass(UserId user) {
    delegate.requireSecuPass(user);
  }

  @Override
  public Optional<Fingerprint> fingerprint(UserId user) {
    return delegate.fingerprint(user);
  }

  @Override
  public Optional<Fingerprint> pinnedFingerprint(SecuPassSession observer, UserId subject) {
    return delegate.pinnedFingerprint(observer, subject);
  }

  @Override
  public GrantRun reverify(SecuPassSession observer, UserId subject, Fingerprint confirmed) {
    return delegate.reverify(observer, subject, confirmed);
  }
}
