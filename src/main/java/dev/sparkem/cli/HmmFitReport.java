package dev.sparkem.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sparkem.engine.FitResult;
import dev.sparkem.engine.IterationRecord;
import dev.sparkem.hmm.CategoricalEmission;
import dev.sparkem.hmm.Emission;
import dev.sparkem.hmm.FullGaussianEmission;
import dev.sparkem.hmm.GaussianEmission;
import dev.sparkem.hmm.HmmJson;
import dev.sparkem.hmm.HmmParameters;
import dev.sparkem.hmm.PoissonEmission;
import dev.sparkem.report.Table;
import dev.sparkem.select.ModelScores;
import dev.sparkem.training.HmmTraining;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What {@code fit --family hmm} reports: the model file (the parameters of {@link HmmJson}, the
 * fit's record and the provenance) and the one-screen summary; metrics.jsonl, convergence.png and
 * report.html are the mixtures' ({@link FitReport#metricsJsonLines},
 * {@link FitReport#writeModelAndReport(OutputDirectory, String, ObjectNode, List, int, List)}).
 */
final class HmmFitReport {
  private final ObjectNode provenance;
  private final HmmTraining training;
  private final FitResult<HmmParameters> result;
  private final List<IterationRecord> records;

  HmmFitReport(ObjectNode provenance, HmmTraining training, List<IterationRecord> records) {
    this.provenance = provenance;
    this.training = training;
    this.result = training.bestFit();
    this.records = List.copyOf(records);
  }

  /**
   * model.json: {@link HmmJson#toJson}, then {@code logLikelihood} (natural-log total over the
   * sequences), {@code meanLogLikelihood} (per unit sequence weight),
   * {@code meanLogLikelihoodPerObservation}, {@code totalWeight}, {@code sequences},
   * {@code observations}, {@code iterations}, {@code converged}, {@code status},
   * {@code logLikelihoodTrace}, {@code parameters} (only what was learned), {@code bic} and
   * {@code aic} (n = the weighted number of observations), {@code bestRestart},
   * {@code restarts}, the provenance and {@code createdAt}.
   */
  ObjectNode modelJson() {
    ObjectNode root = HmmJson.toJson(result.model());
    root.put("logLikelihood", result.logLikelihood());
    root.put("meanLogLikelihood", result.meanLogLikelihood());
    root.put("meanLogLikelihoodPerObservation",
        result.logLikelihood() / training.summary().observationWeight());
    root.put("totalWeight", result.totalWeight());
    root.put("sequences", training.summary().sequences());
    root.put("observations", training.summary().observations());
    FitReport.putFitRecord(root, training.scores(), training.best(), training.restarts(),
        training::restartSeed, provenance);
    return root;
  }

  /**
   * Writes model.json, convergence.png and report.html into {@code out} (not yet committed).
   *
   * @param appendix tables for the end of the HTML report (the configuration)
   */
  void writeModelAndReport(OutputDirectory out, List<Table> appendix)
      throws JsonProcessingException {
    FitReport.writeModelAndReport(out, "spark-em fit: " + HmmFitJob.describe(result.model()),
        modelJson(), training.restarts(), training.best(), appendix);
  }

  /** The one-screen summary. */
  String summary(String output) {
    HmmParameters model = result.model();
    StringBuilder s = new StringBuilder();
    s.append("spark-em fit: ").append(HmmFitJob.describe(model)).append('\n');
    s.append(String.format(Locale.ROOT, "input:  %s (%s; %d sequences, %d observations)%n",
        provenance.get("input").asText(), provenance.get("inputFormat").asText(),
        training.summary().sequences(), training.summary().observations()));
    s.append(String.format(Locale.ROOT, "status: %s after %d iterations%n",
        result.converged() ? "converged" : "not converged (max-iter reached)",
        result.iterations()));
    s.append(String.format(Locale.ROOT, "log-likelihood: %.6f (%.9f per sequence, %.9f per "
        + "observation)%n", result.logLikelihood(), result.meanLogLikelihood(),
        result.logLikelihood() / training.summary().observationWeight()));
    ModelScores scores = training.scores();
    s.append(String.format(Locale.ROOT, "BIC %.4f  AIC %.4f  (%d parameters; lower is better)%n",
        scores.bic(), scores.aic(), scores.parameters()));
    if (training.restarts().size() > 1) {
      s.append(String.format(Locale.ROOT, "restarts: %s; kept restart %d%n",
          training.restarts().stream().map(f -> String.format(Locale.ROOT, "%.6f",
              f.logLikelihood())).collect(Collectors.joining(", ")), training.best()));
    }
    double[] start = model.start();
    double[][] a = model.transitions();
    s.append("state  start      transitions to 0..").append(model.states() - 1)
        .append("   emission\n");
    for (int k = 0; k < model.states(); k++) {
      s.append(String.format(Locale.ROOT, "%-6d %-10.6f %s   %s%n", k, start[k], row(a[k]),
          emission(model.emission(), k)));
    }
    s.append(String.format(Locale.ROOT, "iterations: %d, log-likelihood %.6f -> %.6f%n",
        result.iterations(), result.logLikelihoods()[0], result.logLikelihood()));
    s.append("output: ").append(output).append(" (").append(String.join(", ",
        FitCommand.MODEL_FILE, FitCommand.METRICS_FILE, FitReport.PLOT_FILE,
        FitReport.HTML_FILE)).append(")\n");
    return s.toString();
  }

  private static String row(double[] values) {
    return Arrays.stream(values).mapToObj(v -> String.format(Locale.ROOT, "%.4f", v))
        .collect(Collectors.joining(" ", "[", "]"));
  }

  /** State k's emission in a few words: probabilities, mean and variance, or rate. */
  private static String emission(Emission e, int k) {
    if (e instanceof CategoricalEmission c) {
      return "p(symbol) " + row(c.probabilities()[k]);
    }
    if (e instanceof GaussianEmission g) {
      return "mean " + row(g.means()[k]) + " variance " + row(g.variances()[k]);
    }
    if (e instanceof FullGaussianEmission f) {
      double[][] c = f.covariances()[k];
      double[] diagonal = new double[c.length];
      for (int i = 0; i < c.length; i++) {
        diagonal[i] = c[i][i];
      }
      return "mean " + row(f.means()[k]) + " variances " + row(diagonal);
    }
    return String.format(Locale.ROOT, "rate %.6g", ((PoissonEmission) e).rates()[k]);
  }
}
