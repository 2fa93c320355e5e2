/** JMH benchmarks of the JDBC storage on PostgreSQL (see benchmarks/run-jdbc.sh). */
@NullMarked
package dev.secupass.benchmarks.jdbc;

import org.jspecify.annotations.NullMarked;
