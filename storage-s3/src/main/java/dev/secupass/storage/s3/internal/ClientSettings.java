package dev.secupass.storage.s3.internal;

import java.net.URI;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * What the store needs to build its own {@code S3Client} (validated by the public builder).
 *
 * @param endpoint the service endpoint; {@code null} for AWS S3
 * @param region the signing region; {@code null} for the SDK's default region chain ({@code
 *     us-east-1} when an endpoint is given)
 * @param credentials the credentials; {@code null} for the SDK's default credentials chain
 * @param pathStyle whether to address buckets in the path instead of the host name
 * @param checksums whether the client computes and validates flexible checksums when supported
 * @param maxAttempts attempts per request, including the first
 */
public record ClientSettings(
    @Nullable URI endpoint,
    @Nullable String region,
    @Nullable AwsCredentialsProvider credentials,
    boolean pathStyle,
    boolean checksums,
    int maxAttempts) {}
