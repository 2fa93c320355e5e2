package dev.secupass.samples.web.pages;

import dev.secupass.api.PrincipalKind;

/** The frame of every page: navigation, who is signed in, the notice area and the encryption note. */
public final class Layout {
  private Layout() {}

  /** A whole page around {@code body}. */
  public static String page(Viewer viewer, String title, String body) {
    return page(viewer, title, body, Banner.MIXED);
  }

  /** What the banner under the header says. */
  private enum Banner {
    /** Where each level runs (in browser mode), or that the SDK runs on the server. */
    MIXED,
    /** That this page's work runs on the server (the server's SecuPass dialog). */
    SERVER,
    /** Nothing: everything on the page runs in the browser (browser mode only). */
    NONE
  }

  /**
   * A page whose level 3-4 content only the browser client handles (the release, the browser's
   * SecuPass): it says nothing about the server seeing plaintext, because it does not here.
   */
  public static String clientPage(Viewer viewer, String title, String body) {
    return page(viewer, title, body, Banner.NONE);
  }

  /**
   * A page where the SDK runs on this server whatever the mode (the server's SecuPass dialog;
   * settings and data rooms when levels 3 and 4 run on the server too): its banner says that the
   * server holds the private keys there.
   */
  public static String serverPage(Viewer viewer, String title, String body) {
    return page(viewer, title, body, Banner.SERVER);
  }

  private static String page(Viewer viewer, String title, String body, Banner banner) {
    StringBuilder html = new StringBuilder(4096);
    html.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .append("<meta name=\"csrf-token\" content=\"").append(Html.esc(viewer.csrfToken()))
        .append("\"><title>").append(Html.esc(title)).append(" · SecuPass web sample</title>")
        .append("<link rel=\"stylesheet\" href=\"/static/app.css\">")
        .append("<script src=\"/static/app.js\" defer></script>").append(viewer.clientScripts())
        .append("</head><body>")
        .append("<header class=\"top\"><a class=\"brand\" href=\"/\">SecuPass web sample</a>")
        .append(nav(viewer)).append(who(viewer)).append("</header>");
    if (!viewer.inBrowser() || banner == Banner.SERVER) {
      html.append("<p class=\"where\" id=\"where\">").append(viewer.inBrowser()
              ? "This page runs the SDK <strong>on this server</strong>"
              : "In this sample the SDK runs <strong>on this server</strong>")
          .append(": while your SecuPass is unlocked here, the server holds your private keys and")
          .append(" sees the plaintext of what you ").append(viewer.inBrowser()
              ? "open on the server's pages" : "send and open")
          .append(". <a href=\"/about\">Where a real deployment runs it</a>.</p>");
    } else if (banner == Banner.MIXED) {
      html.append("<p class=\"where\" id=\"where\">Levels 3 and 4 and data rooms are encrypted")
          .append(" and decrypted <strong>in this browser</strong>: the server never receives your")
          .append(" SecuPass, your private keys or their plaintext. Levels 1 and 2 run")
          .append(" <strong>on this server</strong>, which sees their plaintext.")
          .append(" <a href=\"/about\">More</a>.</p>");
    }
    if (viewer.isStaff()) {
      html.append("<div id=\"notices\" class=\"notices\" data-poll=\"/notices\"></div>");
    }
    if (viewer.sessionExpired()) {
      html.append("<p class=\"flash warn\">Your session had expired; sign in again.</p>");
    }
    if (viewer.flash() != null) {
      html.append("<p class=\"flash\" id=\"flash\">").append(Html.esc(viewer.flash()))
          .append("</p>");
    }
    html.append("<main><h1>").append(Html.esc(title)).append("</h1>").append(body)
        .append("</main></body></html>");
    return html.toString();
  }

  private static String nav(Viewer viewer) {
    StringBuilder nav = new StringBuilder("<nav>");
    if (viewer.isStaff()) {
      nav.append(link("/inbox", "Inbox")).append(link("/compose", "Send"))
          .append(link("/outbox", "Sent")).append(link("/rooms", "Data rooms"))
          .append(link("/settings", "Settings"));
    } else if (viewer.signedIn().isEmpty()) {
      nav.append(link("/sign-in", "Sign in"));
    } else {
      nav.append(link("/guest", "Your deliveries"));
    }
    nav.append(link("/mails", "Mail outbox")).append(link("/about", "About"));
    return nav.append("</nav>").toString();
  }

  private static String who(Viewer viewer) {
    if (viewer.user() == null) {
      return "";
    }
    PrincipalKind kind = viewer.user().kind();
    StringBuilder who = new StringBuilder("<div class=\"who\"><span id=\"signed-in-as\">")
        .append(Html.esc(viewer.name())).append("</span> <span class=\"kind\">(")
        .append(kind.name().toLowerCase(java.util.Locale.ROOT)).append(")</span> ");
    switch (viewer.secuPass()) {
      case UNLOCKED -> who.append("<span class=\"chip open\" id=\"secupass-state\">SecuPass")
          .append(" unlocked</span>").append(viewer.button("/secupass/lock", "Lock", "small"));
      case LOCKED -> who.append("<span class=\"chip\" id=\"secupass-state\">SecuPass locked")
          .append("</span>");
      case NONE -> who.append("<span class=\"chip\" id=\"secupass-state\">no SecuPass</span>");
      case NOT_APPLICABLE -> { }
    }
    return who.append(viewer.button("/sign-out", "Sign out", "small")).append("</div>").toString();
  }

  private static String link(String href, String label) {
    return "<a href=\"" + href + "\">" + label + "</a>";
  }
}
