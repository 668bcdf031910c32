package dev.sparkem.report;

/** Escaping text for HTML element content and quoted attribute values. */
public final class Html {
  private Html() {}

  /**
   * {@code text} safe inside an element or a quoted attribute: {@code & < > " '} become character
   * references, and control characters that HTML forbids (C0 other than tab, line feed and
   * carriage return; DEL; C1) become U+FFFD. {@code null} becomes the empty string.
   */
  public static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(forbidden(c) ? '\uFFFD' : c);
      }
    }
    return out.toString();
  }

  private static boolean forbidden(char c) {
    return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7F && c <= 0x9F);
  }
}
