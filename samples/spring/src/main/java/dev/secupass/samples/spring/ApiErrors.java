package dev.secupass.samples.spring;

import dev.secupass.api.NotFoundException;
import dev.secupass.api.SecuPassException;
import dev.secupass.api.WrongCredentialsException;
import dev.secupass.api.WrongSecuPassException;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The SDK's typed errors as HTTP answers with the SDK's message (which never holds a secret). */
@RestControllerAdvice
public class ApiErrors {

  @ExceptionHandler(SecuPassException.class)
  public ResponseEntity<Map<String, String>> sdk(SecuPassException e) {
    HttpStatus status = e instanceof NotFoundException ? HttpStatus.NOT_FOUND
        : e instanceof WrongSecuPassException || e instanceof WrongCredentialsException
            ? HttpStatus.FORBIDDEN : HttpStatus.CONFLICT;
    return ResponseEntity.status(status).body(Map.of("error", String.valueOf(e.getMessage())));
  }

  @ExceptionHandler(IllegalArgumentException.class)
  public ResponseEntity<Map<String, String>> badInput(IllegalArgumentException e) {
    return ResponseEntity.badRequest().body(Map.of("error", String.valueOf(e.getMessage())));
  }
}
