package dev.secupass.storage.jdbc.internal;

import dev.secupass.api.ConflictException;
import dev.secupass.api.DeliveryId;
import dev.secupass.api.NotFoundException;
import dev.secupass.api.UserId;
import dev.secupass.spi.GuestAccount;
import dev.secupass.spi.GuestStore;
import dev.secupass.spi.Invitation;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * {@link GuestStore} on the {@code guest_account} and {@code guest_invitation} tables. User id,
 * e-mail address and username are each unique in the database, so concurrent registrations cannot
 * take the same one twice.
 */
public final class JdbcGuestStore implements GuestStore {
  private static final String COLUMNS =
      "user_id, email, username, password_hash, created_at, revision";
  private static final String SELECT = "SELECT " + COLUMNS + " FROM {p}guest_account";
  private static final String INVITATION =
      "SELECT token_hash, guest_id, delivery_id, created_at, expires_at, access_code, binding"
          + " FROM {p}guest_invitation";

  private final Session session;
  private final Schema schema;

  public JdbcGuestStore(Session session, Schema schema) {
    this.session = session;
    this.schema = schema;
  }

  @Override
  public GuestAccount create(GuestAccount account) {
    if (account.revision() != 0) {
      throw new IllegalArgumentException("a new guest account must have revision 0");
    }
    GuestAccount stored = stored(account, 1);
    return session.write("create guest " + account.user(), h -> {
      h.createUpdate(schema.sql("INSERT INTO {p}guest_account (" + COLUMNS + ") VALUES"
              + " (:user_id, :email, :username, :password_hash, :created_at, :revision)"))
          .bind("user_id", stored.user().value())
          .bind("email", stored.email())
          .bind("username", stored.username())
          .bind("password_hash", stored.passwordHash())
          .bind("created_at", stored.createdAt())
          .bind("revision", stored.revision())
          .execute();
      return stored;
    });
  }

  @Override
  public Optional<GuestAccount> find(UserId user) {
    return session.read("find guest " + user, h -> findBy(h, "user_id", user.value()));
  }

  @Override
  public Optional<GuestAccount> findByEmail(String email) {
    return session.read("find a guest by e-mail address", h -> findBy(h, "email", email));
  }

  @Override
  public Optional<GuestAccount> findByUsername(String username) {
    return session.read("find a guest by username", h -> findBy(h, "username", username));
  }

  @Override
  public GuestAccount update(GuestAccount account) {
    GuestAccount stored = stored(account, account.revision() + 1);
    return session.write("update guest " + account.user(), h -> {
      int changed = h.createUpdate(schema.sql("UPDATE {p}guest_account SET email = :email,"
              + " username = :username, password_hash = :password_hash,"
              + " created_at = :created_at, revision = revision + 1"
              + " WHERE user_id = :user_id AND revision = :revision"))
          .bind("email", stored.email())
          .bind("username", stored.username())
          .bind("password_hash", stored.passwordHash())
          .bind("created_at", stored.createdAt())
          .bind("user_id", stored.user().value())
          .bind("revision", account.revision())
          .execute();
      if (changed == 0) {
        if (findBy(h, "user_id", account.user().value()).isEmpty()) {
          throw new NotFoundException("there is no guest " + account.user());
        }
        throw new ConflictException("guest " + account.user() + " was changed since revision "
            + account.revision());
      }
      return stored;
    });
  }

  @Override
  public void saveInvitation(Invitation invitation) {
    byte[] tokenHash = invitation.tokenHash();
    if (tokenHash.length > JdbcDeliveryStore.MAX_HASH_BYTES) {
      throw new IllegalArgumentException(
          "token hash must be at most " + JdbcDeliveryStore.MAX_HASH_BYTES + " bytes");
    }
    session.write("save an invitation of guest " + invitation.guest(), h ->
        h.createUpdate(schema.sql("INSERT INTO {p}guest_invitation (token_hash, guest_id,"
                + " delivery_id, created_at, expires_at, access_code) VALUES (:hash, :guest,"
                + " :delivery, :created_at, :expires_at, :access_code)"))
            .bind("hash", tokenHash)
            .bind("guest", invitation.guest().value())
            .bind("delivery", invitation.delivery().value())
            .bind("created_at", invitation.createdAt())
            .bind("expires_at", invitation.expiresAt())
            .bindByType("access_code", invitation.accessCode(), byte[].class)
            .execute());
  }

  @Override
  public void saveBinding(byte[] tokenHash, byte[] binding) {
    if (tokenHash.length > JdbcDeliveryStore.MAX_HASH_BYTES) {
      throw new NotFoundException("no invitation has this token hash");
    }
    session.write("save the key binding of an invitation", h -> {
      int updated = h.createUpdate(schema.sql("UPDATE {p}guest_invitation SET binding = :binding"
              + " WHERE token_hash = :hash AND binding IS NULL"))
          .bind("binding", binding.clone())
          .bind("hash", tokenHash.clone())
          .execute();
      if (updated == 0) {
        boolean exists = h.createQuery(schema.sql(
                "SELECT COUNT(*) FROM {p}guest_invitation WHERE token_hash = :hash"))
            .bind("hash", tokenHash.clone()).mapTo(Long.class).one() > 0;
        if (exists) {
          throw new ConflictException("the invitation has a key binding already");
        }
        throw new NotFoundException("no invitation has this token hash");
      }
      return updated;
    });
  }

  @Override
  public Optional<Invitation> findInvitation(byte[] tokenHash) {
    if (tokenHash.length > JdbcDeliveryStore.MAX_HASH_BYTES) {
      return Optional.empty();
    }
    return session.read("find an invitation by its token hash", h ->
        h.createQuery(schema.sql(INVITATION + " WHERE token_hash = :hash"))
            .bind("hash", tokenHash.clone())
            .map(JdbcGuestStore::invitation)
            .findOne());
  }

  @Override
  public List<Invitation> invitations(UserId guest) {
    return session.read("read the invitations of guest " + guest, h ->
        h.createQuery(schema.sql(INVITATION + " WHERE guest_id = :guest ORDER BY created_at, token_hash"))
            .bind("guest", guest.value())
            .map(JdbcGuestStore::invitation)
            .list());
  }

  @Override
  public Map<UserId, GuestAccount> findAll(Collection<UserId> users) {
    List<List<String>> lists = InLists.of(users.stream().map(UserId::value).toList());
    return session.read("find " + users.size() + " guests", h -> {
      Map<UserId, GuestAccount> found = new LinkedHashMap<>();
      for (List<String> list : lists) {
        h.createQuery(schema.sql(SELECT + " WHERE user_id IN (<users>)"))
            .bindList("users", list)
            .map(JdbcGuestStore::account)
            .forEach(guest -> found.put(guest.user(), guest));
      }
      return found;
    });
  }

  @Override
  public Map<UserId, List<Invitation>> invitationsOf(Collection<UserId> guests) {
    List<List<String>> lists = InLists.of(guests.stream().map(UserId::value).toList());
    return session.read("read the invitations of " + guests.size() + " guests", h -> {
      Map<UserId, List<Invitation>> found = new LinkedHashMap<>();
      guests.forEach(guest -> found.put(guest, new ArrayList<>()));
      for (List<String> list : lists) {
        h.createQuery(schema.sql(INVITATION
                + " WHERE guest_id IN (<guests>) ORDER BY created_at, token_hash"))
            .bindList("guests", list)
            .map(JdbcGuestStore::invitation)
            .forEach(invitation -> found.computeIfAbsent(invitation.guest(),
                k -> new ArrayList<>()).add(invitation));
      }
      return found;
    });
  }

  private Optional<GuestAccount> findBy(Handle h, String column, String value) {
    return h.createQuery(schema.sql(SELECT + " WHERE " + column + " = :value"))
        .bind("value", value)
        .map(JdbcGuestStore::account)
        .findOne();
  }

  private static GuestAccount stored(GuestAccount a, long revision) {
    return new GuestAccount(a.user(), a.email(), a.username(), a.passwordHash(),
        Times.stored(a.createdAt()), revision);
  }

  private static GuestAccount account(ResultSet rs, StatementContext ctx) throws SQLException {
    return new GuestAccount(
        UserId.of(rs.getString("user_id")),
        rs.getString("email"),
        rs.getString("username"),
        rs.getBytes("password_hash"),
        Times.read(rs, "created_at"),
        rs.getLong("revision"));
  }

  private static Invitation invitation(ResultSet rs, StatementContext ctx) throws SQLException {
    return new Invitation(
        rs.getBytes("token_hash"),
        UserId.of(rs.getString("guest_id")),
        DeliveryId.of(rs.getString("delivery_id")),
        Times.read(rs, "created_at"),
        Times.read(rs, "expires_at"),
        rs.getBytes("access_code"),
        rs.getBytes("binding"));
  }
}
