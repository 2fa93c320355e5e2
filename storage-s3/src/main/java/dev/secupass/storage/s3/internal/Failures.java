package dev.secupass.storage.s3.internal;

import dev.secupass.api.StorageException;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;

/**
 * Reads AWS SDK failures and translates them into SecuPass exceptions at the SPI boundary.
 * Messages name the operation, the blob and the HTTP status or failure kind, never a credential.
 */
public final class Failures {
  /** What a message adds when the server refused flexible checksums. */
  static final String CHECKSUMS_OFF = ". The server seems not to accept the flexible checksums the"
      + " store sends (aws-chunked uploads with a trailing CRC32): build the store with"
      + " checksums(false) for it (docs/storage-s3.md, \"Checksums\")";
  private static final List<String> CHECKSUM_WORDS = List.of("checksum", "trailer", "chunked",
      "content-sha256", "streaming-", "transfer-encoding", "content-encoding");

  private Failures() {}

  /** The HTTP status of a service error; 0 for client-side failures (connection, timeout). */
  public static int status(SdkException e) {
    return e instanceof SdkServiceException service ? service.statusCode() : 0;
  }

  /** The S3 error code ({@code NoSuchUpload}, {@code SlowDown}, ...); empty if none. */
  public static String errorCode(SdkException e) {
    if (e instanceof AwsServiceException aws && aws.awsErrorDetails() != null) {
      String code = aws.awsErrorDetails().errorCode();
      return code == null ? "" : code;
    }
    return "";
  }

  /** 404: no such key, bucket or upload. */
  public static boolean isNotFound(SdkException e) {
    return status(e) == 404;
  }

  /** 412: a conditional request's precondition did not hold. */
  public static boolean isPreconditionFailed(SdkException e) {
    return status(e) == 412;
  }

  /**
   * Whether trying again later may succeed: throttling, server errors (but not 501, a feature the
   * server lacks), a concurrent conditional write (409 ConditionalRequestConflict), timeouts and
   * broken connections.
   */
  public static boolean isTransient(SdkException e) {
    if (e instanceof SdkServiceException service) {
      int status = service.statusCode();
      return (status >= 500 && status != 501) || status == 429 || service.isThrottlingException()
          || "ConditionalRequestConflict".equals(errorCode(e))
          || "RequestTimeout".equals(errorCode(e));
    }
    return e.retryable()
        || e instanceof ApiCallAttemptTimeoutException
        || e instanceof ApiCallTimeoutException
        || hasIoCause(e);
  }

  /**
   * A {@link StorageException} for a failed operation, retryable when the failure is transient.
   * When the server refused the flexible checksums the store sends, the message says how to turn
   * them off.
   */
  public static StorageException storage(String operation, SdkException e) {
    return new StorageException(operation + " failed: " + describe(e)
        + (rejectsChecksums(e) ? CHECKSUMS_OFF : ""), isTransient(e), e);
  }

  /**
   * Whether the server refused the flexible checksums of the AWS SDK ({@code aws-chunked} bodies
   * with a trailing checksum, {@code x-amz-checksum-*} and {@code x-amz-sdk-checksum-algorithm}
   * headers), as servers that do not implement them answer: 400 or 501 with an error that names
   * the checksum, the trailer or the encoding, or 501 NotImplemented for "a header you provided".
   */
  public static boolean rejectsChecksums(SdkException e) {
    int status = status(e);
    if (status != 400 && status != 501) {
      return false;
    }
    String code = errorCode(e);
    String text = (code + " " + errorMessage(e)).toLowerCase(Locale.ROOT);
    return ("NotImplemented".equals(code) && text.contains("header"))
        || CHECKSUM_WORDS.stream().anyMatch(text::contains);
  }

  /** The server's error message; empty if none. */
  private static String errorMessage(SdkException e) {
    if (e instanceof AwsServiceException aws && aws.awsErrorDetails() != null) {
      String message = aws.awsErrorDetails().errorMessage();
      return message == null ? "" : message;
    }
    return "";
  }

  /** A short description: HTTP status and error code, or the kind of client-side failure. */
  public static String describe(SdkException e) {
    int status = status(e);
    if (status != 0) {
      String code = errorCode(e);
      return "HTTP " + status + (code.isEmpty() ? "" : " " + code);
    }
    Throwable cause = e.getCause();
    return cause == null ? e.getClass().getSimpleName() : cause.getClass().getSimpleName();
  }

  private static boolean hasIoCause(Throwable e) {
    for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
      if (t instanceof IOException) {
        return true;
      }
    }
    return false;
  }
}
