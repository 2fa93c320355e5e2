package dev.secupass.samples.web.pages;

/** Where the encryption runs in this sample, and where it runs in a real deployment. */
public final class AboutPage {
  private AboutPage() {}

  public static String render(Viewer viewer) {
    return Layout.page(viewer, "About this sample", viewer.inBrowser() ? IN_BROWSER : ON_SERVER);
  }

  private static final String IN_BROWSER = """
        <section id="where-encryption-runs">
        <h2>Where the encryption runs in this sample</h2>
        <p><strong>Levels 3 and 4 run in your browser.</strong> The pages load the SecuPass
        browser client (checked by its integrity hash). When you choose or enter your SecuPass,
        your browser derives the key and unlocks your private keys itself; it encrypts the files
        you send while they upload, signs the delivery, releases it to recipients who chose a
        SecuPass after you compared their safety words, and decrypts what you download. This
        server only stores and relays ciphertext, public keys, signatures and metadata: it never
        receives your SecuPass, your private keys or the plaintext of level 3 and 4 files (at
        level 4 neither the subject, the message nor the file names).</p>
        <p>Your unlocked keys stay in this browser (as keys no script can read out) until you
        lock them, sign out or leave them unused for 15 minutes.</p>
        <h2>What still runs on this server</h2>
        <p>Levels 1 and 2 are encrypted at rest with the host's own key: the server sees their
        plaintext, which those levels allow. Data rooms run in this browser like levels 3 and 4:
        your page verifies a room's signed membership log, opens its keys, decrypts its name and
        files' names, signs every change of members and makes the new key when someone is
        removed; the server stores ciphertext, public keys, signatures, ids and roles. Settings
        chooses, unlocks and changes your SecuPass in this browser too. Only a browser without
        script falls back to the server's own SecuPass page, which takes your SecuPass on this
        server and says so.</p>
        <p>Whoever controls this server can still change the script it serves you; the threat
        model (<code>docs/threat-model.md</code>, "The web sample") says what narrows that.</p>
        </section>""";

  private static final String ON_SERVER = """
        <section id="where-encryption-runs">
        <h2>Where the encryption runs in this sample</h2>
        <p>This sample embeds the SecuPass SDK in its <strong>web server</strong>. When you choose
        or enter your SecuPass, the browser sends it to this server, which derives your key and
        keeps your unlocked private keys in its memory (in your server-side session) until you
        lock them, sign out, or leave them unused. Files you upload reach the server in plaintext
        and are encrypted there; files you download are decrypted there and sent to your browser.
        So <strong>this server sees the plaintext</strong> of levels 3 and 4 while your SecuPass
        session is open. What it stores (database and file blobs) is ciphertext: whoever runs the
        storage cannot read level 3 and 4 content, even with the host's at-rest key.</p>
        <p>Uploads waiting to be sent are kept on disk encrypted under a key that lives only in
        memory; nothing is written in plaintext.</p>
        <h2>How a real deployment keeps the SDK at the endpoints</h2>
        <p>End-to-end encryption protects against the host only when the SDK runs where the user
        is: in a desktop or mobile client, or another client-side component that holds the
        user's SecuPass session on the user's device. The host's web back end then only relays
        ciphertext, public keys and metadata through the storage SPI; it never receives a
        SecuPass, a private key or plaintext of levels 3 and 4. Levels 1 and 2 are encrypted at
        rest with the host's own key and never protect against the host.</p>
        <p>The threat model (<code>docs/threat-model.md</code>, "A host that runs sdk-core on its
        own servers") says exactly what each level protects against whom in either set-up.</p>
        </section>""";
}
