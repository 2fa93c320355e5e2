package dev.secupass.atrest;

import dev.secupass.atrest.testing.MotoServer;
import dev.secupass.core.AtRestKey;

/** The AWS KMS key, on moto's local KMS: every seal and open is a KMS call. */
class AwsKmsAtRestKeyContractTest extends AtRestKeyContractTest {
  private final MotoServer moto = MotoServer.shared();

  @Override
  protected AtRestKey newKey() {
    return AwsKmsAtRestKey.of(moto.kms(), moto.newKey());
  }

  @Override
  protected AtRestKey reopen(AtRestKey key) {
    return AwsKmsAtRestKey.of(moto.newClient(), ((AwsKmsAtRestKey) key).keyArn());
  }
}
