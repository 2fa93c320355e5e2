package dev.secupass.spring;

import dev.secupass.atrest.AwsKmsAtRestKey;
import dev.secupass.atrest.KeysetFileException;
import dev.secupass.atrest.Pkcs11AtRestKey;
import dev.secupass.atrest.TinkKeysetFile;
import dev.secupass.core.AtRestKey;
import java.nio.file.Path;
import java.security.Provider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.KmsClientBuilder;

/**
 * The at-rest key from {@code secupass.at-rest-key.source}: a Tink keyset file ({@link
 * TinkKeysetFile}), AWS KMS or an HSM over PKCS#11 (the last two with their vendor's libraries on
 * the class path). The application's own
 * {@link AtRestKey} bean (an {@code AtRestKeyRing} during a rotation, say) replaces it.
 */
@Configuration(proxyBeanMethods = false)
@Import({SecuPassAtRestKeyConfiguration.TinkKeysetFileKey.class,
    SecuPassAtRestKeyConfiguration.AwsKmsKey.class, SecuPassAtRestKeyConfiguration.Pkcs11Key.class})
public class SecuPassAtRestKeyConfiguration {

  /** {@code secupass.at-rest-key.source=tink-keyset-file}. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnProperty(name = "secupass.at-rest-key.source", havingValue = "tink-keyset-file")
  public static class TinkKeysetFileKey {

    /** The keyset in {@code secupass.at-rest-key.tink-keyset-file.path}. */
    @Bean
    @ConditionalOnMissingBean(AtRestKey.class)
    public AtRestKey secuPassAtRestKey(SecuPassProperties properties) {
      SecuPassProperties.TinkKeysetFile file = properties.getAtRestKey().getTinkKeysetFile();
      Path path = file.getPath();
      if (path == null) {
        throw new SecuPassConfigurationException("the at-rest key source tink-keyset-file names"
            + " no file", "set secupass.at-rest-key.tink-keyset-file.path");
      }
      try {
        return file.isCreateIfMissing()
            ? TinkKeysetFile.loadOrCreate(path) : TinkKeysetFile.load(path);
      } catch (KeysetFileException e) {
        throw new SecuPassConfigurationException(String.valueOf(e.getMessage()), switch (e.reason()) {
          case MISSING -> "create it with Tink (an AEAD keyset in Tink's JSON format), or set"
              + " secupass.at-rest-key.tink-keyset-file.create-if-missing=true to have a new"
              + " one made";
          case READABLE_BY_OTHERS -> "make it readable by its owner only (chmod 600)";
          case UNREADABLE -> "check the path and its permissions";
          case NOT_A_KEYSET -> "point secupass.at-rest-key.tink-keyset-file.path at a keyset in"
              + " Tink's JSON format";
        });
      }
    }
  }

  /** {@code secupass.at-rest-key.source=aws-kms}. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass({AwsKmsAtRestKey.class, KmsClient.class})
  @ConditionalOnProperty(name = "secupass.at-rest-key.source", havingValue = "aws-kms")
  public static class AwsKmsKey {

    /**
     * A KMS client from {@code secupass.at-rest-key.aws-kms.region} and {@code endpoint} and the
     * AWS SDK's default credentials, unless the application has its own; closed with the context.
     */
    @Bean
    @ConditionalOnMissingBean
    public KmsClient secuPassKmsClient(SecuPassProperties properties) {
      SecuPassProperties.AwsKms kms = properties.getAtRestKey().getAwsKms();
      KmsClientBuilder builder = KmsClient.builder();
      if (kms.getRegion() != null) {
        builder.region(Region.of(kms.getRegion()));
      } else if (kms.getEndpoint() != null) {
        builder.region(Region.US_EAST_1);
      }
      if (kms.getEndpoint() != null) {
        builder.endpointOverride(kms.getEndpoint());
      }
      return builder.build();
    }

    /** The envelope key under {@code secupass.at-rest-key.aws-kms.key-arn}. */
    @Bean
    @ConditionalOnMissingBean(AtRestKey.class)
    public AtRestKey secuPassAtRestKey(SecuPassProperties properties, KmsClient kms) {
      String arn = properties.getAtRestKey().getAwsKms().getKeyArn();
      if (arn == null || arn.isBlank()) {
        throw new SecuPassConfigurationException("the at-rest key source aws-kms names no key",
            "set secupass.at-rest-key.aws-kms.key-arn to the full ARN of a symmetric KMS key");
      }
      try {
        return AwsKmsAtRestKey.of(kms, arn);
      } catch (IllegalArgumentException e) {
        throw new SecuPassConfigurationException("secupass.at-rest-key.aws-kms.key-arn is not a"
            + " KMS key ARN", "use the key's full ARN (arn:aws:kms:<region>:<account>:key/<id>),"
            + " not an alias");
      }
    }
  }

  /** {@code secupass.at-rest-key.source=pkcs11}. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(Pkcs11AtRestKey.class)
  @ConditionalOnProperty(name = "secupass.at-rest-key.source", havingValue = "pkcs11")
  public static class Pkcs11Key {

    /** The HSM's key labelled {@code secupass.at-rest-key.pkcs11.key-label}. */
    @Bean
    @ConditionalOnMissingBean(AtRestKey.class)
    public AtRestKey secuPassAtRestKey(SecuPassProperties properties) {
      SecuPassProperties.Pkcs11 hsm = properties.getAtRestKey().getPkcs11();
      Path config = hsm.getConfigFile();
      String pin = hsm.getPin();
      String label = hsm.getKeyLabel();
      if (config == null || pin == null || label == null) {
        throw new SecuPassConfigurationException("the at-rest key source pkcs11 is not fully"
            + " configured", "set secupass.at-rest-key.pkcs11.config-file, .pin and .key-label");
      }
      Provider provider;
      try {
        provider = Pkcs11AtRestKey.provider(config);
      } catch (IllegalArgumentException e) {
        throw new SecuPassConfigurationException("the PKCS#11 configuration is not usable: "
            + e.getMessage(), "check secupass.at-rest-key.pkcs11.config-file", e);
      }
      char[] chars = pin.toCharArray();
      try {
        return Pkcs11AtRestKey.open(provider, chars, label);
      } finally {
        java.util.Arrays.fill(chars, '\0');
      }
    }
  }
}
