/**
 * The SecuPass SDK's Spring Boot auto-configuration: {@link
 * dev.secupass.spring.SecuPassAutoConfiguration} and its {@code secupass.*} properties ({@link
 * dev.secupass.spring.SecuPassProperties}), the lifecycle beans that poll grants and relay events
 * to {@link dev.secupass.spring.SecuPassEventListener}s, and health indicators. See {@code
 * docs/spring-boot.md}.
 */
@NullMarked
package dev.secupass.spring;

import org.jspecify.annotations.NullMarked;
