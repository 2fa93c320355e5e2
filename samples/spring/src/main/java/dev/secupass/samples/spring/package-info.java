/** A Spring Boot host of the SDK on secupass-spring-boot-starter. */
@NullMarked
package dev.secupass.samples.spring;

import org.jspecify.annotations.NullMarked;
