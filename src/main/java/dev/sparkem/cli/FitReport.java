package dev.sparkem.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sparkem.data.FeatureColumns;
import dev.sparkem.engine.FitResult;
import dev.sparkem.engine.IterationRecord;
import dev.sparkem.mixture.MixtureModel;
import dev.sparkem.report.ConvergencePlot;
import dev.sparkem.report.HtmlReport;
import dev.sparkem.report.Table;
import dev.sparkem.select.ModelScores;
import dev.sparkem.training.MixtureKind;
import dev.sparkem.training.TrainedMixture;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.IntToLongFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * What the fit job reports: the model file (parameters plus the fit's record and provenance), the
 * per-iteration metrics as JSON lines, the convergence plot and the HTML report, and the
 * one-screen summary for stdout. The same for every family.
 *
 * @param <P> the parameters of the family
 */
final class FitReport<P extends MixtureModel> {
  static final String PLOT_FILE = "convergence.png";
  static final String HTML_FILE = "report.html";
  static final int PLOT_WIDTH = 800;
  static final int PLOT_HEIGHT = 500;
  private static final int TRACE_LINES = 10;
  /** Components are printed whole up to this dimension, else by their largest entries. */
  private static final int SHOWN = 8;

  private final ObjectNode provenance;
  private final FeatureColumns features;
  private final MixtureKind<P> kind;
  private final TrainedMixture<P> training;
  private final FitResult<P> result;
  private final List<IterationRecord> records;
  private final List<String> vocabulary;

  /**
   * @param records every iteration of every restart
   * @param vocabulary the names of the features for the summary, or null
   */
  FitReport(ObjectNode provenance, FeatureColumns features, MixtureKind<P> kind,
      TrainedMixture<P> training, List<IterationRecord> records, List<String> vocabulary) {
    this.provenance = provenance;
    this.features = features;
    this.kind = kind;
    this.vocabulary = vocabulary == null ? null : List.copyOf(vocabulary);
    this.training = training;
    this.result = training.bestFit();
    this.records = List.copyOf(records);
  }

  private List<IterationRecord> bestRecords() {
    return records.stream().filter(r -> r.run() == training.best()).toList();
  }

  /**
   * model.json: the family's own keys ({@link MixtureModel#toJson()}), then {@code features},
   * {@code logLikelihood} (weighted total, natural log), {@code meanLogLikelihood},
   * {@code totalWeight}, {@code rows}, {@code iterations}, {@code converged}, {@code status},
   * {@code logLikelihoodTrace}, {@code parameters}, {@code bic}, {@code aic} (scikit-learn's:
   * −2·LL + p·ln(total weight) and −2·LL + 2p, lower is better), {@code restarts} (per restart:
   * seed, logLikelihood, iterations, status; {@code bestRestart} is the kept one), the provenance ({@code input}, {@code seed}, ...,
   * {@code sparkVersion}) and {@code createdAt}.
   */
  ObjectNode modelJson() {
    ObjectNode root = result.model().toJson();
    ArrayNode names = root.putArray("features");
    features.names().forEach(names::add);
    root.put("logLikelihood", result.logLikelihood());
    root.put("meanLogLikelihood", result.meanLogLikelihood());
    root.put("totalWeight", result.totalWeight());
    root.put("rows", result.rows());
    putFitRecord(root, ModelScores.of(result), training.best(), training.restarts(),
        training::restartSeed, provenance);
    return root;
  }

  /**
   * The keys every fit's model.json ends with: {@code iterations}, {@code converged},
   * {@code status}, {@code logLikelihoodTrace} of the kept restart, {@code parameters},
   * {@code bic}, {@code aic}, {@code bestRestart}, {@code restarts} (per restart: seed,
   * logLikelihood, iterations, status and any message), the provenance and {@code createdAt}.
   */
  static void putFitRecord(ObjectNode root, ModelScores scores, int best,
      List<? extends FitResult<?>> restarts, IntToLongFunction restartSeed,
      ObjectNode provenance) {
    FitResult<?> result = restarts.get(best);
    root.put("iterations", result.iterations());
    root.put("converged", result.converged());
    root.put("status", status(result));
    ArrayNode trace = root.putArray("logLikelihoodTrace");
    Arrays.stream(result.logLikelihoods()).forEach(trace::add);
    root.put("parameters", scores.parameters());
    root.put("bic", scores.bic());
    root.put("aic", scores.aic());
    root.put("bestRestart", best);
    ArrayNode list = root.putArray("restarts");
    for (int r = 0; r < restarts.size(); r++) {
      FitResult<?> fit = restarts.get(r);
      ObjectNode restart = list.addObject();
      restart.put("restart", r);
      restart.put("seed", restartSeed.applyAsLong(r));
      restart.put("logLikelihood", fit.logLikelihood());
      restart.put("iterations", fit.iterations());
      restart.put("status", status(fit));
      fit.message().ifPresent(m -> restart.put("message", m));
    }
    root.setAll(provenance);
    root.put("createdAt", Instant.now().toString());
  }

  private static String status(FitResult<?> fit) {
    return fit.status().toString().toLowerCase(Locale.ROOT);
  }

  /**
   * metrics.jsonl: one object per iteration of every restart (0 is the start point) with
   * {@code restart}, {@code iteration},
   * {@code logLikelihood}, {@code meanLogLikelihood}, {@code delta} (change of the mean since the
   * previous iteration; null at 0) and {@code seconds}.
   */
  String metricsJsonLines() {
    return metricsJsonLines(records);
  }

  /** {@link #metricsJsonLines()} of any fit's iteration records (the HMM's too). */
  static String metricsJsonLines(List<IterationRecord> records) {
    StringBuilder lines = new StringBuilder();
    for (IterationRecord r : records) {
      ObjectNode line = JsonNodeFactory.instance.objectNode();
      line.put("restart", r.run());
      line.put("iteration", r.iteration());
      line.put("logLikelihood", r.logLikelihood());
      line.put("meanLogLikelihood", r.meanLogLikelihood());
      if (Double.isNaN(r.delta())) {
        line.putNull("delta");
      } else {
        line.put("delta", r.delta());
      }
      line.put("seconds", r.seconds());
      lines.append(line).append('\n');
    }
    return lines.toString();
  }

  /**
   * Writes model.json, convergence.png and report.html into {@code out} (not yet committed).
   *
   * @param appendix tables for the end of the HTML report (the configuration, a selection)
   */
  void writeModelAndReport(OutputDirectory out, String title, List<Table> appendix)
      throws JsonProcessingException {
    writeModelAndReport(out, title, modelJson(), training.restarts(), training.best(), appendix);
  }

  /**
   * Writes {@code model} as model.json, the convergence plot of {@code restarts} as
   * convergence.png and the HTML report of both as report.html into {@code out} (not yet
   * committed): the same files for every fit, the HMM's too.
   *
   * @param best the index of the kept restart
   * @param appendix tables for the end of the HTML report (the configuration, a selection)
   */
  static void writeModelAndReport(OutputDirectory out, String title, ObjectNode model,
      List<? extends FitResult<?>> restarts, int best, List<Table> appendix)
      throws JsonProcessingException {
    out.writeText(FitCommand.MODEL_FILE, new ObjectMapper().writerWithDefaultPrettyPrinter()
        .writeValueAsString(model));
    byte[] plot = convergencePlot(title, restarts, best);
    out.writeBytes(PLOT_FILE, plot);
    out.writeText(HTML_FILE, HtmlReport.render(title, model,
        restarts.get(best).iterationSeconds(), plot, appendix));
  }

  /**
   * The log-likelihood per unit weight of every restart against the iteration, as a PNG.
   *
   * @param best the index of the kept restart
   */
  static byte[] convergencePlot(String title, List<? extends FitResult<?>> restarts, int best) {
    List<ConvergencePlot.Trace> traces = new ArrayList<>();
    for (int r = 0; r < restarts.size(); r++) {
      FitResult<?> fit = restarts.get(r);
      double[] mean = Arrays.stream(fit.logLikelihoods()).map(v -> v / fit.totalWeight())
          .toArray();
      traces.add(new ConvergencePlot.Trace(restarts.size() == 1 ? "fit"
          : "restart " + r + (r == best ? " (kept)" : ""), mean));
    }
    return ConvergencePlot.png(title, traces, PLOT_WIDTH, PLOT_HEIGHT);
  }

  /** The title of the plot and the HTML report: the family, its settings, k and d. */
  String title(String job) {
    P model = result.model();
    return String.format(Locale.ROOT, "spark-em %s: %s, k=%d, d=%d", job, kind.describe(model),
        model.k(), model.dimension());
  }

  /**
   * One progress line for stderr, ending with an estimate of the time left should all
   * {@code maxIterations} run at this iteration's pace (convergence usually ends sooner).
   */
  static String progressLine(IterationRecord r, int maxIterations) {
    return String.format(Locale.ROOT, "spark-em: %siteration %d/%d  log-likelihood %.6f  mean "
        + "%.9f  delta %s  %.3f s  eta <= %.1f s", r.run() > 0 ? "restart " + r.run() + " " : "",
        r.iteration(), maxIterations, r.logLikelihood(), r.meanLogLikelihood(),
        Double.isNaN(r.delta()) ? "-" : String.format(Locale.ROOT, "%+.3e", r.delta()),
        r.seconds(), (maxIterations - r.iteration()) * r.seconds());
  }

  /** The one-screen summary. */
  String summary(String output) {
    P model = result.model();
    StringBuilder s = new StringBuilder();
    s.append(title("fit")).append('\n');
    s.append(String.format(Locale.ROOT, "input:  %s (%s; %d rows, total weight %s; features %s)%n",
        provenance.get("input").asText(), provenance.get("inputFormat").asText(), result.rows(),
        number(result.totalWeight()), String.join(", ", features.names())));
    s.append(String.format(Locale.ROOT, "status: %s after %d iterations%n",
        result.converged() ? "converged" : "not converged (max-iter reached)",
        result.iterations()));
    s.append(String.format(Locale.ROOT, "log-likelihood: %.6f (%.9f per unit weight)%n",
        result.logLikelihood(), result.meanLogLikelihood()));
    ModelScores scores = ModelScores.of(result);
    s.append(String.format(Locale.ROOT, "BIC %.4f  AIC %.4f  (%d parameters; lower is better)%n",
        scores.bic(), scores.aic(), scores.parameters()));
    if (training.restarts().size() > 1) {
      s.append(String.format(Locale.ROOT, "restarts: %s; kept restart %d%n",
          training.restarts().stream().map(f -> String.format(Locale.ROOT, "%.6f",
              f.logLikelihood())).collect(Collectors.joining(", ")), training.best()));
    }
    boolean whole = vocabulary == null && model.dimension() <= SHOWN;
    s.append("component  weight     ").append(kind.centreName())
        .append(whole ? "" : " (largest " + SHOWN + ")").append('\n');
    double[] weights = model.weights();
    for (int j = 0; j < model.k(); j++) {
      s.append(String.format(Locale.ROOT, "%-10d %-10.6f %s%n", j, weights[j],
          centre(kind.centre(model, j), whole)));
    }
    s.append("iteration  log-likelihood        delta (mean)   seconds\n");
    List<IterationRecord> trace = bestRecords();
    for (int i = 0; i < trace.size(); i++) {
      if (i == TRACE_LINES && trace.size() > 2 * TRACE_LINES) {
        s.append(String.format("...        (%d iterations omitted)%n",
            trace.size() - 2 * TRACE_LINES));
        i = trace.size() - TRACE_LINES;
      }
      IterationRecord r = trace.get(i);
      s.append(String.format(Locale.ROOT, "%-10d %-21.6f %-14s %.3f%n", r.iteration(),
          r.logLikelihood(), Double.isNaN(r.delta()) ? "-"
              : String.format(Locale.ROOT, "%+.3e", r.delta()), r.seconds()));
    }
    s.append("output: ").append(output).append(" (").append(String.join(", ",
        FitCommand.MODEL_FILE, FitCommand.METRICS_FILE, PLOT_FILE, HTML_FILE)).append(")\n");
    return s.toString();
  }

  /** The whole vector, or its largest entries as name=value (terms, column names or #index). */
  private String centre(double[] values, boolean whole) {
    if (whole) {
      return Arrays.stream(values).mapToObj(FitReport::number)
          .collect(Collectors.joining(", ", "[", "]"));
    }
    return IntStream.range(0, values.length).boxed()
        .sorted(Comparator.comparingDouble((Integer i) -> -values[i]).thenComparing(i -> i))
        .limit(SHOWN).map(i -> name(i) + "=" + number(values[i]))
        .collect(Collectors.joining(", "));
  }

  private String name(int index) {
    if (vocabulary != null) {
      return vocabulary.get(index);
    }
    return features.isVector() ? "#" + index : features.names().get(index);
  }

  private static String number(double v) {
    return String.format(Locale.ROOT, "%.6g", v);
  }
}
