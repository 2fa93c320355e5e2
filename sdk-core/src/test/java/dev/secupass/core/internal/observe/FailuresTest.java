package dev.secupass.core.internal.observe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.secupass.api.BusyException;
import dev.secupass.api.NotFoundException;
import dev.secupass.api.StorageException;
import dev.secupass.api.WrongLinkTokenException;
import dev.secupass.api.WrongSecuPassException;
import dev.secupass.api.Person;
import dev.secupass.api.PrincipalKind;
import dev.secupass.api.UserId;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

class FailuresTest {

  @Test
  void kind_isTheApiExceptionInSnakeCase_neverItsMessage() {
    Person alice = new Person(UserId.of("alice"), PrincipalKind.EMPLOYEE, "alice@example.org");
    assertThat(Failures.kind(new WrongSecuPassException(alice))).isEqualTo("wrong_secupass");
    assertThat(Failures.kind(new WrongLinkTokenException("the link of Alice Hopper")))
        .isEqualTo("wrong_link_token");
    assertThat(Failures.kind(new BusyException("busy"))).isEqualTo("busy");
    assertThat(Failures.kind(new StorageException("db of alice down", true, null)))
        .isEqualTo("storage");
    assertThat(Failures.kind(new NotFoundException("no file report.pdf"))).isEqualTo("not_found");
  }

  @Test
  void kind_ofASubclassOutsideTheApi_isItsNearestApiClass_otherwiseAFixedWord() {
    class AdapterFailure extends StorageException {
      AdapterFailure() {
        super("alice's row", false, null);
      }
    }
    assertThat(Failures.kind(new AdapterFailure())).isEqualTo("storage");
    assertThat(Failures.kind(new IllegalArgumentException("bad name alice")))
        .isEqualTo("invalid_argument");
    assertThat(Failures.kind(new NullPointerException())).isEqualTo("invalid_argument");
    assertThat(Failures.kind(new IllegalStateException())).isEqualTo("illegal_state");
    assertThat(Failures.kind(new UncheckedIOException(new IOException("disk"))))
        .isEqualTo("io");
    assertThat(Failures.kind(new ArithmeticException())).isEqualTo("other");
  }
}
