package dev.secupass.samples.spring;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Spring Boot host of the SDK with nothing but the starter, a {@code DataSource} and a few
 * {@code secupass.*} properties ({@code application.properties}): the first-contact story over
 * REST ({@link StoryController}), the SDK's events as mail ({@link MailOutbox}), its health at
 * {@code /actuator/health}. See {@code docs/spring-boot.md}.
 */
@SpringBootApplication
public class SpringSampleApplication {

  public static void main(String[] args) {
    SpringApplication.run(SpringSampleApplication.class, args);
  }
}
