package dev.secupass.core.relay;

import dev.secupass.api.UserId;
import dev.secupass.core.delivery.Addressee;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A level 3 or 4 delivery a client encrypted and signed, to be committed by {@link
 * ClientRelay#deliver}.
 *
 * @param recipients the addressees the host let the sender choose, in the order of the
 *     manifest's recipients (a new guest is named in the manifest by the user id {@link
 *     ClientRelay#recipients} proposed)
 * @param manifest the sender's signed delivery manifest ({@code docs/format.md})
 * @param details the stored subject and message: clear at level 3 (the details encoding), sealed
 *     by the client at level 4
 * @param files the files, in the manifest's order
 * @param envelopes the content key wrapped to the sender and to every recipient who has a
 *     SecuPass, each signed by the sender
 * @param downloadLimit how many downloads are allowed, 0 for no limit
 * @param accessCodeChecks per new guest (by the user id the manifest names), the check of the
 *     access code the sender's client made for them ({@code docs/format.md}, "Access code"): the
 *     invitation stores it, the guest's client binds its first keys to the code, and the sender's
 *     client releases only to keys bound to it; the code itself never reaches the server
 */
public record ClientDelivery(List<Addressee> recipients, byte[] manifest, byte[] details,
    List<ClientFile> files, List<byte[]> envelopes, int downloadLimit,
    Map<UserId, byte[]> accessCodeChecks) {

  /** A delivery without access codes. */
  public ClientDelivery(List<Addressee> recipients, byte[] manifest, byte[] details,
      List<ClientFile> files, List<byte[]> envelopes, int downloadLimit) {
    this(recipients, manifest, details, files, envelopes, downloadLimit, Map.of());
  }

  public ClientDelivery {
    recipients = List.copyOf(recipients);
    manifest = Objects.requireNonNull(manifest, "manifest").clone();
    details = Objects.requireNonNull(details, "details").clone();
    files = List.copyOf(files);
    envelopes = envelopes.stream().map(byte[]::clone).toList();
    if (downloadLimit < 0) {
      throw new IllegalArgumentException("downloadLimit must not be negative");
    }
    Map<UserId, byte[]> checks = new LinkedHashMap<>();
    accessCodeChecks.forEach((user, check) -> checks.put(user, check.clone()));
    accessCodeChecks = java.util.Collections.unmodifiableMap(checks);
  }

  @Override
  public Map<UserId, byte[]> accessCodeChecks() {
    Map<UserId, byte[]> copy = new LinkedHashMap<>();
    accessCodeChecks.forEach((user, check) -> copy.put(user, check.clone()));
    return java.util.Collections.unmodifiableMap(copy);
  }

  @Override
  public byte[] manifest() {
    return manifest.clone();
  }

  @Override
  public byte[] details() {
    return details.clone();
  }

  @Override
  public List<byte[]> envelopes() {
    return envelopes.stream().map(byte[]::clone).toList();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ClientDelivery d && recipients.equals(d.recipients)
        && java.util.Arrays.equals(manifest, d.manifest)
        && java.util.Arrays.equals(details, d.details) && files.equals(d.files)
        && envelopes.size() == d.envelopes.size()
        && java.util.stream.IntStream.range(0, envelopes.size())
            .allMatch(i -> java.util.Arrays.equals(envelopes.get(i), d.envelopes.get(i)))
        && downloadLimit == d.downloadLimit
        && accessCodeChecks.keySet().equals(d.accessCodeChecks.keySet())
        && accessCodeChecks.entrySet().stream().allMatch(e -> java.util.Arrays.equals(
            e.getValue(), d.accessCodeChecks.get(e.getKey())));
  }

  @Override
  public int hashCode() {
    return Objects.hash(recipients, files, downloadLimit);
  }

  @Override
  public String toString() {
    return "ClientDelivery[recipients=" + recipients.size() + ", files=" + files.size()
        + ", envelopes=" + envelopes.size() + ", accessCodes=" + accessCodeChecks.size() + "]";
  }
}
