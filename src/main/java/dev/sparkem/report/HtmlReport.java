package dev.sparkem.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Base64;
import java.util.List;

/**
 * A short, self-contained HTML page (no external files: the style is inline and the plot is
 * embedded as a data URI) that renders a model file for humans: the fit's record (status,
 * iterations, log-likelihood, BIC, AIC), the convergence plot, the log-likelihood trace, the
 * restarts, the components with their expected sizes (a hidden Markov model: its start,
 * transition and emission tables) and the parameter tables ({@link ModelTables}), then tables the caller adds (the configuration, a selection). Every
 * piece of text is escaped ({@link Html#escape}).
 */
public final class HtmlReport {
  /** Traces longer than this show their first and last {@value #TRACE_ENDS} iterations. */
  static final int TRACE_ROWS = 40;
  static final int TRACE_ENDS = 10;
  private static final String STYLE = "body{font-family:sans-serif;margin:2em;max-width:70em}"
      + "table{border-collapse:collapse;margin:1em 0}caption{text-align:left;font-weight:bold;"
      + "padding:.3em 0}th,td{border:1px solid #ccc;padding:.2em .6em}th{background:#f3f3f3}"
      + "td.num{text-align:right;font-variant-numeric:tabular-nums}p.note{color:#555;"
      + "font-size:90%}img{border:1px solid #ccc}";

  private HtmlReport() {}

  /**
   * Renders the report.
   *
   * @param title the page title, e.g. "spark-em fit: gaussian mixture, full covariance"
   * @param model the model file's JSON (the keys the README lists for model.json)
   * @param seconds wall time per iteration of the kept fit (entry 0: the start point's pass), or
   *     null
   * @param plotPng the convergence plot, or null
   * @param appendix further tables, shown last in this order
   */
  public static String render(String title, JsonNode model, double[] seconds, byte[] plotPng,
      List<Table> appendix) {
    StringBuilder html = new StringBuilder();
    html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
        .append(Html.escape(title)).append("</title>\n<style>").append(STYLE)
        .append("</style>\n</head>\n<body>\n<h1>").append(Html.escape(title)).append("</h1>\n");
    html.append(record(model).toHtml());
    html.append("<h2>Convergence</h2>\n");
    if (plotPng != null) {
      html.append("<img alt=\"log-likelihood per unit weight against the EM iteration\" src=\""
          + "data:image/png;base64,").append(Base64.getEncoder().encodeToString(plotPng))
          .append("\">\n");
    }
    html.append(trace(model, seconds).toHtml());
    if (model.path("restarts").size() > 1) {
      html.append(restarts(model).toHtml());
    }
    html.append("<h2>Parameters</h2>\n");
    ModelTables.of(model).forEach(table -> html.append(table.toHtml()));
    if (!appendix.isEmpty()) {
      html.append("<h2>Run</h2>\n");
      appendix.forEach(table -> html.append(table.toHtml()));
    }
    html.append("<p class=\"note\">Written by spark-em; model.json holds every number at full "
        + "precision (hover over a number to see it here).</p>\n</body>\n</html>\n");
    return html.toString();
  }

  /** The fit's record: family, sizes, status and scores. */
  private static Table record(JsonNode model) {
    Table table = new Table("fit", "Fit", List.of("", ""));
    String[][] keys = {{"family", "family"}, {"covarianceType", "covariance type"},
        {"emission", "emission type"}, {"states", "states"}, {"k", "components (k)"},
        {"dimension", "dimension (d)"}, {"rows", "rows"}, {"sequences", "sequences"},
        {"observations", "observations"},
        {"totalWeight", "total weight"}, {"status", "status"}, {"iterations", "iterations"},
        {"logLikelihood", "log-likelihood (natural log, weighted total)"},
        {"meanLogLikelihood", "log-likelihood per unit weight"},
        {"parameters", "free parameters"}, {"bic", "BIC (lower is better)"},
        {"aic", "AIC (lower is better)"}};
    for (String[] key : keys) {
      JsonNode value = model.get(key[0]);
      if (value != null && !value.isNull()) {
        table.row(key[1], value(value));
      }
    }
    return table;
  }

  /** The log-likelihood after each M-step, its mean, the change of the mean and the time. */
  private static Table trace(JsonNode model, double[] seconds) {
    double[] trace = ModelTables.vector(model.path("logLikelihoodTrace"));
    double totalWeight = model.path("totalWeight").asDouble(Double.NaN);
    Table table = new Table("trace", "Log-likelihood after each iteration", List.of("iteration",
        "log-likelihood", "per unit weight", "change per unit weight", "seconds"));
    boolean cut = trace.length > TRACE_ROWS;
    for (int t = 0; t < trace.length; t++) {
      if (cut && t == TRACE_ENDS) {
        t = trace.length - TRACE_ENDS;
      }
      Double delta = t == 0 ? null : (trace[t] - trace[t - 1]) / totalWeight;
      Double time = seconds != null && seconds.length == trace.length ? seconds[t] : null;
      table.row(t, trace[t], trace[t] / totalWeight, delta, time);
    }
    if (cut) {
      table.note("Iterations " + TRACE_ENDS + " to " + (trace.length - TRACE_ENDS - 1)
          + " are left out here; model.json holds the whole trace.");
    }
    return table;
  }

  private static Table restarts(JsonNode model) {
    Table table = new Table("restarts", "Restarts (the kept one is restart "
        + model.path("bestRestart").asInt() + ")",
        List.of("restart", "seed", "log-likelihood", "iterations", "status"));
    for (JsonNode r : model.get("restarts")) {
      table.row(r.path("restart").asInt(), r.path("seed").asLong(),
          r.path("logLikelihood").asDouble(), r.path("iterations").asInt(),
          r.path("status").asText() + (r.has("message") ? ": " + r.get("message").asText() : ""));
    }
    return table;
  }

  /** A JSON scalar as the cell type {@link Table} formats. */
  private static Object value(JsonNode value) {
    if (value.isIntegralNumber()) {
      return value.asLong();
    }
    return value.isNumber() ? (Object) value.asDouble() : value.asText();
  }
}
