package dev.sparkem.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A table of an HTML report: an id, a caption, column headers and rows of cells. A cell given
 * as a {@link Double} or {@link Float} is shown with 6 significant digits (trailing zeros
 * dropped), with the exact value ({@link Double#toString}) in its {@code title}; an
 * {@link Integer} or {@link Long} is shown as is; {@code null} is shown as a dash; anything else
 * is shown as its escaped {@code toString()}. Rows are added in place; the table is rendered by
 * {@link #toHtml()}.
 */
public final class Table {
  private final String id;
  private final String caption;
  private final List<String> header;
  private final List<List<Object>> rows = new ArrayList<>();
  private String note;

  /**
   * @param id the {@code id} attribute (letters, digits, '-' and '_')
   * @param caption shown above the table
   * @param header one name per column
   * @throws IllegalArgumentException if the id holds other characters
   */
  public Table(String id, String caption, List<String> header) {
    if (!id.matches("[A-Za-z][A-Za-z0-9_-]*")) {
      throw new IllegalArgumentException("table id '" + id + "', expected letters, digits, "
          + "'-' and '_' starting with a letter");
    }
    this.id = id;
    this.caption = caption;
    this.header = List.copyOf(header);
  }

  /**
   * Adds a row.
   *
   * @throws IllegalArgumentException if the row does not have one cell per column
   */
  public Table row(Object... cells) {
    if (cells.length != header.size()) {
      throw new IllegalArgumentException("table '" + id + "': a row of " + cells.length
          + " cells, expected " + header.size());
    }
    rows.add(Arrays.asList(cells.clone()));
    return this;
  }

  /** A note shown under the table (e.g. what was left out). */
  public Table note(String text) {
    this.note = text;
    return this;
  }

  public String id() {
    return id;
  }

  public int rowCount() {
    return rows.size();
  }

  /** The table as an HTML {@code <table>} element (and its note, if any). */
  public String toHtml() {
    StringBuilder html = new StringBuilder();
    html.append("<table id=\"").append(id).append("\">\n<caption>")
        .append(Html.escape(caption)).append("</caption>\n<thead><tr>");
    header.forEach(h -> html.append("<th>").append(Html.escape(h)).append("</th>"));
    html.append("</tr></thead>\n<tbody>\n");
    for (List<Object> row : rows) {
      html.append("<tr>");
      row.forEach(cell -> html.append(cell(cell)));
      html.append("</tr>\n");
    }
    html.append("</tbody>\n</table>\n");
    if (note != null) {
      html.append("<p class=\"note\">").append(Html.escape(note)).append("</p>\n");
    }
    return html.toString();
  }

  private static String cell(Object value) {
    if (value instanceof Double || value instanceof Float) {
      double v = ((Number) value).doubleValue();
      return "<td class=\"num\" title=\"" + v + "\">" + number(v) + "</td>";
    }
    if (value instanceof Integer || value instanceof Long) {
      return "<td class=\"num\">" + value + "</td>";
    }
    return value == null ? "<td>&ndash;</td>" : "<td>" + Html.escape(value.toString()) + "</td>";
  }

  /**
   * {@code v} as a cell shows it: 6 significant digits, trailing zeros of the mantissa dropped;
   * NaN, inf and -inf for the non-finite values.
   */
  public static String number(double v) {
    if (!Double.isFinite(v)) {
      return Double.isNaN(v) ? "NaN" : v > 0 ? "inf" : "-inf";
    }
    String s = String.format(Locale.ROOT, "%.6g", v);
    int exponent = s.indexOf('e');
    String mantissa = exponent < 0 ? s : s.substring(0, exponent);
    if (mantissa.contains(".")) {
      mantissa = mantissa.replaceAll("0+$", "").replaceAll("\\.$", "");
    }
    return exponent < 0 ? mantissa : mantissa + s.substring(exponent);
  }
}
