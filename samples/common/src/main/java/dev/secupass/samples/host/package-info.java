/**
 * What a sample host sets up around the SDK: the embedded default (an H2 database, encrypted blobs
 * and the host's at-rest key in one data folder), PostgreSQL and S3 when configured, the Argon2id
 * profile, and a small directory of the host's users. Shared by the samples; not part of the SDK.
 */
@NullMarked
package dev.secupass.samples.host;

import org.jspecify.annotations.NullMarked;
