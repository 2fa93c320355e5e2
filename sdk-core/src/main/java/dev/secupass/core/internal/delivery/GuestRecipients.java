package dev.secupass.core.internal.delivery;

import dev.secupass.api.PrincipalKind;
import dev.secupass.api.UserId;
import dev.secupass.core.delivery.Addressee;
import dev.secupass.spi.GuestAccount;
import dev.secupass.spi.GuestStore;
import dev.secupass.spi.Recipient;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Turns a draft's addressees into recipients: employees and partners as named, guests by their
 * e-mail address, found or (new ones) made with a fresh user id {@code guest-<32 hex digits>}, to
 * be created in the sending's transaction.
 *
 * @param recipients the recipients, in the draft's order
 * @param newGuests guest accounts to create with the delivery
 */
record GuestRecipients(List<Recipient> recipients, List<GuestAccount> newGuests) {

  static GuestRecipients resolve(List<Addressee> addressees, GuestStore guests,
      SecureRandom random, Instant now) {
    List<Recipient> recipients = new ArrayList<>();
    List<GuestAccount> created = new ArrayList<>();
    for (Addressee addressee : addressees) {
      if (addressee.kind() != PrincipalKind.GUEST) {
        recipients.add(new Recipient(addressee.knownUser().orElseThrow(), addressee.kind(),
            addressee.address()));
        continue;
      }
      UserId guest = guests.findByEmail(addressee.address()).map(GuestAccount::user)
          .orElseGet(() -> {
            GuestAccount account = new GuestAccount(newGuestId(random), addressee.address(),
                null, new byte[0], now, 0);
            created.add(account);
            return account.user();
          });
      recipients.add(new Recipient(guest, PrincipalKind.GUEST, addressee.address()));
    }
    return new GuestRecipients(recipients, created);
  }

  private static UserId newGuestId(SecureRandom random) {
    byte[] bytes = new byte[16];
    random.nextBytes(bytes);
    return UserId.of("guest-" + HexFormat.of().formatHex(bytes));
  }
}
