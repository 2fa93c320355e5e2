/** The S3 blob store beside the plain AWS SDK (see benchmarks/run-s3.sh). */
@NullMarked
package dev.secupass.benchmarks.s3;

import org.jspecify.annotations.NullMarked;
