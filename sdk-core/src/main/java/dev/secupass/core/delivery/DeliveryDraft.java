package dev.secupass.core.delivery;

import dev.secupass.api.SecurityLevel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What a sender wants to send: files given as streams, a subject and a message, recipients, and
 * optionally a security level, an expiry and a download limit (the sender's
 * {@link DeliveryPolicy} fills in and bounds what is left out). A draft is used once: sending
 * opens each file's content once, reads it to the end and closes it.
 *
 * <pre>{@code
 * DeliveryDraft draft = DeliveryDraft.builder()
 *     .level(SecurityLevel.SECRET)
 *     .subject("Contract").message("Please sign by Friday.")
 *     .to(Addressee.guest("gina@example.org"))
 *     .file(Path.of("contract.pdf"))
 *     .build();
 * }</pre>
 */
public final class DeliveryDraft {
  /** The longest subject, in characters (an e-mail subject line). */
  public static final int MAX_SUBJECT = 998;
  /** The longest message, in characters. */
  public static final int MAX_MESSAGE = 100_000;
  /** The longest file name, in characters. */
  public static final int MAX_FILE_NAME = 255;

  private final @Nullable SecurityLevel level;
  private final String subject;
  private final String message;
  private final List<Addressee> recipients;
  private final List<FileSource> files;
  private final @Nullable Duration expiresIn;
  private final @Nullable Instant expiresAt;
  private final int downloadLimit;
  private final ProgressListener progress;
  private final boolean accessCodes;

  /** Opens a file's content; called once, when the delivery is sent. */
  @FunctionalInterface
  public interface Content {
    InputStream open() throws IOException;
  }

  /**
   * One file of a draft.
   *
   * @param name its name as the recipients see it
   * @param content its bytes
   * @param declaredSize its size if known (checked against policy before anything is sent, and
   *     against the bytes read), otherwise -1
   */
  public record FileSource(String name, Content content, long declaredSize) {
    public FileSource {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(content, "content");
      if (name.isBlank() || name.length() > MAX_FILE_NAME || !name.strip().equals(name)
          || name.chars().anyMatch(c -> Character.isISOControl(c) || c == '/' || c == '\\')) {
        throw new IllegalArgumentException("a file name must be 1-" + MAX_FILE_NAME
            + " characters without control characters, slashes or surrounding spaces");
      }
      if (declaredSize < -1) {
        throw new IllegalArgumentException("a declared size must be -1 (unknown) or more");
      }
    }
  }

  private DeliveryDraft(Builder builder) {
    this.level = builder.level;
    this.subject = builder.subject;
    this.message = builder.message;
    this.recipients = List.copyOf(builder.recipients);
    this.files = List.copyOf(builder.files);
    this.expiresIn = builder.expiresIn;
    this.expiresAt = builder.expiresAt;
    this.downloadLimit = builder.downloadLimit;
    this.progress = builder.progress;
    this.accessCodes = builder.accessCodes;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link DeliveryDraft}. */
  public static final class Builder {
    private @Nullable SecurityLevel level;
    private String subject = "";
    private String message = "";
    private final List<Addressee> recipients = new ArrayList<>();
    private final List<FileSource> files = new ArrayList<>();
    private @Nullable Duration expiresIn;
    private @Nullable Instant expiresAt;
    private int downloadLimit;
    private ProgressListener progress = ProgressListener.NONE;
    private boolean accessCodes;

    private Builder() {}

    /** The security level (default: the sender's policy's default level). */
    public Builder level(SecurityLevel level) {
      this.level = Objects.requireNonNull(level, "level");
      return this;
    }

    /** The subject, at most {@value DeliveryDraft#MAX_SUBJECT} characters (default empty). */
    public Builder subject(String subject) {
      Objects.requireNonNull(subject, "subject");
      if (subject.length() > MAX_SUBJECT || subject.chars().anyMatch(c -> c == '\r' || c == '\n')) {
        throw new IllegalArgumentException("the subject must be one line of at most "
            + MAX_SUBJECT + " characters");
      }
      this.subject = subject;
      return this;
    }

    /** The message, at most {@value DeliveryDraft#MAX_MESSAGE} characters (default empty). */
    public Builder message(String message) {
      Objects.requireNonNull(message, "message");
      if (message.length() > MAX_MESSAGE) {
        throw new IllegalArgumentException("the message must be at most " + MAX_MESSAGE
            + " characters");
      }
      this.message = message;
      return this;
    }

    /** Adds recipients. */
    public Builder to(Addressee... addressees) {
      for (Addressee addressee : addressees) {
        recipients.add(Objects.requireNonNull(addressee, "addressee"));
      }
      return this;
    }

    /** Adds a file whose size is not known in advance. */
    public Builder file(String name, InputStream content) {
      Objects.requireNonNull(content, "content");
      return file(name, () -> content, -1);
    }

    /** Adds a file opened when the delivery is sent. */
    public Builder file(String name, Content content, long declaredSize) {
      files.add(new FileSource(name, content, declaredSize));
      return this;
    }

    /** Adds a file from the file system, named as it is there. */
    public Builder file(Path path) {
      Path fileName = Objects.requireNonNull(path.getFileName(), "path has no file name");
      long size;
      try {
        size = Files.size(path);
      } catch (IOException e) {
        throw new IllegalArgumentException("cannot read the size of " + path + ": " + e);
      }
      return file(fileName.toString(), () -> Files.newInputStream(path), size);
    }

    /** Expires this long after sending (default: the policy's default expiry). */
    public Builder expiresIn(Duration duration) {
      if (duration.isNegative() || duration.isZero()) {
        throw new IllegalArgumentException("the expiry must be in the future");
      }
      this.expiresIn = duration;
      this.expiresAt = null;
      return this;
    }

    /** Expires at this instant (default: the policy's default expiry). */
    public Builder expiresAt(Instant instant) {
      this.expiresAt = Objects.requireNonNull(instant, "instant");
      this.expiresIn = null;
      return this;
    }

    /**
     * How many file downloads it allows, 0 for no limit (default): a file read to its end by a
     * reader counts once per reader and file, and the sender's own reads never count.
     */
    public Builder downloadLimit(int limit) {
      if (limit < 0) {
        throw new IllegalArgumentException("the download limit must be 0 (none) or more");
      }
      this.downloadLimit = limit;
      return this;
    }

    /**
     * Protects the first contact of every guest recipient who has no SecuPass yet with a one-time
     * access code (levels 3 and 4; default: only if the host's first-contact policy requires
     * codes). The SDK makes one code per such guest and hands it to the sender once, in {@link
     * SentDelivery#accessCodes()}: pass it on out of band, never in the invitation e-mail. The
     * delivery is released only to keys the guest bound to the code when choosing their SecuPass.
     */
    public Builder accessCodes() {
      this.accessCodes = true;
      return this;
    }

    /** Observes the files' progress (default: none). */
    public Builder progress(ProgressListener listener) {
      this.progress = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Builds the draft.
     *
     * @throws IllegalArgumentException if there is no recipient or no file, a recipient repeats,
     *     or two files have the same name
     */
    public DeliveryDraft build() {
      if (recipients.isEmpty()) {
        throw new IllegalArgumentException("a delivery needs at least one recipient");
      }
      if (files.isEmpty()) {
        throw new IllegalArgumentException("a delivery needs at least one file");
      }
      if (new HashSet<>(recipients.stream().map(a -> a.knownUser().map(u -> "u:" + u.value())
          .orElse("g:" + a.address())).toList()).size() != recipients.size()) {
        throw new IllegalArgumentException("a recipient is named twice");
      }
      if (new HashSet<>(files.stream().map(FileSource::name).toList()).size() != files.size()) {
        throw new IllegalArgumentException("two files have the same name");
      }
      return new DeliveryDraft(this);
    }
  }

  /** The level asked for, if any. */
  public Optional<SecurityLevel> level() {
    return Optional.ofNullable(level);
  }

  public String subject() {
    return subject;
  }

  public String message() {
    return message;
  }

  public List<Addressee> recipients() {
    return recipients;
  }

  public List<FileSource> files() {
    return files;
  }

  /** The expiry asked for: after {@code now}, or empty for the policy's default. */
  public Optional<Instant> expiry(Instant now) {
    if (expiresAt != null) {
      return Optional.of(expiresAt);
    }
    return Optional.ofNullable(expiresIn).map(now::plus);
  }

  /** 0 for no limit. */
  public int downloadLimit() {
    return downloadLimit;
  }

  public ProgressListener progress() {
    return progress;
  }

  /** Whether the sender asked for access codes ({@link Builder#accessCodes()}). */
  public boolean accessCodes() {
    return accessCodes;
  }

  @Override
  public String toString() {
    return "DeliveryDraft[level=" + level + ", recipients=" + recipients.size() + ", files="
        + files.size() + "]";
  }
}
