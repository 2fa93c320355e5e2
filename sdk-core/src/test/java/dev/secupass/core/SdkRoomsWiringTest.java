package dev.secupass.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.secupass.api.PrincipalKind;
import dev.secupass.api.RoomId;
import dev.secupass.api.RoomRole;
import dev.secupass.core.keys.SecuPassSession;
import dev.secupass.core.rooms.MemberAccess;
import dev.secupass.core.rooms.RoomItem;
import dev.secupass.core.testing.SdkFixture;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The facade wires data rooms into the same grant engine as deliveries. */
class SdkRoomsWiringTest {
  private final SdkFixture fixture = SdkFixture.trustingFirstUse();

  @Test
  void roomGrant_queuedForMemberWithoutSecuPass_isFulfilledByOwnersOpenSessionOnActivation()
      throws IOException {
    SignedInUser owner = SdkFixture.employee("olivia");
    SignedInUser member = SdkFixture.partner("paul");
    try (SecuPassSession ownerSession = fixture.activate(owner, "owner pass phrase")) {
      RoomId room = fixture.sdk.rooms().create(owner, ownerSession, "Project X");
      RoomItem file = fixture.sdk.rooms().upload(ownerSession, room, null, "plan.txt",
          new ByteArrayInputStream("the plan".getBytes(StandardCharsets.UTF_8)));

      MemberAccess access = fixture.sdk.rooms()
          .addMember(ownerSession, room, member.user(), PrincipalKind.PARTNER, RoomRole.VIEWER);
      assertThat(access).isEqualTo(MemberAccess.QUEUED);

      // The owner's session is open, so the member's activation releases the room key at once.
      try (SecuPassSession memberSession = fixture.activate(member, "member pass phrase");
          InputStream in = fixture.sdk.rooms().download(memberSession, room, file.id())) {
        assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("the plan");
      }
    }
  }
}
