package dev.secupass.samples.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secupass.api.ConflictException;
import dev.secupass.api.PrincipalKind;
import dev.secupass.api.UserId;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sample's user directory file. */
class UserDirectoryTest {
  @TempDir
  Path folder;

  @Test
  void add_andLoadAgain_findsByNameIdAndAddress_withoutCase() {
    Path file = folder.resolve(UserDirectory.FILE_NAME);
    UserDirectory.load(file).add("alice", PrincipalKind.EMPLOYEE, "Alice@Example.com");

    UserDirectory again = UserDirectory.load(file);

    DirectoryUser alice = again.byName("ALICE").orElseThrow();
    assertThat(alice.email()).isEqualTo("alice@example.com");
    assertThat(again.byEmail("alice@EXAMPLE.com")).contains(alice);
    assertThat(again.byId(UserId.of("alice"))).contains(alice);
    assertThat(alice.signedIn().kind()).isEqualTo(PrincipalKind.EMPLOYEE);
  }

  @Test
  void rememberGuest_isIdempotent_butNotOverAnEmployeesAddress() {
    UserDirectory directory = UserDirectory.load(folder.resolve(UserDirectory.FILE_NAME));
    directory.add("alice", PrincipalKind.EMPLOYEE, "alice@example.com");
    UserId gina = UserId.of("guest-0123456789abcdef0123456789abcdef");

    directory.rememberGuest(gina, "gina@example.org");
    directory.rememberGuest(gina, "GINA@example.org");

    assertThat(directory.all()).hasSize(2);
    assertThat(directory.nameOf(gina)).isEqualTo("gina@example.org");
    assertThatThrownBy(() -> directory.rememberGuest(UserId.of("guest-1"), "alice@example.com"))
        .isInstanceOf(ConflictException.class);
  }

  @Test
  void add_takenNameOrAddress_orAGuest_isRefused() {
    UserDirectory directory = UserDirectory.load(folder.resolve(UserDirectory.FILE_NAME));
    directory.add("alice", PrincipalKind.EMPLOYEE, "alice@example.com");

    assertThatThrownBy(() -> directory.add("alice", PrincipalKind.PARTNER, ""))
        .isInstanceOf(ConflictException.class);
    assertThatThrownBy(() -> directory.add("alicia", PrincipalKind.PARTNER, "alice@example.com"))
        .isInstanceOf(ConflictException.class);
    assertThatThrownBy(() -> directory.add("gina", PrincipalKind.GUEST, "gina@example.org"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> directory.add("Alice Smith", PrincipalKind.EMPLOYEE, ""))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void load_aBadLine_namesTheLine() throws Exception {
    Path file = Files.writeString(folder.resolve(UserDirectory.FILE_NAME),
        "alice\temployee\talice\talice@example.com\nbob\tboss\tbob\t\n");

    assertThatThrownBy(() -> UserDirectory.load(file))
        .isInstanceOf(HostSetupException.class)
        .hasMessageContaining("line 2");
  }
}
