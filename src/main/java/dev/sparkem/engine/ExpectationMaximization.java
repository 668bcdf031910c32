package dev.sparkem.engine;

import dev.sparkem.data.DataBlock;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The EM driver loop, the same for every model family. Each iteration runs the family's M-step on
 * the driver from the statistics of the last pass, then one {@link DistributedPass} under the new
 * parameters, which yields both their log-likelihood and the statistics for the next M-step. The
 * log-likelihood of every returned model is therefore exact, at the cost of one pass more than
 * iterations. Monotonicity and convergence are judged on the objective EM maximises: the
 * log-likelihood plus the family's {@link ModelFamily#logPrior} (0 for maximum likelihood).
 */
public final class ExpectationMaximization {
  /**
   * A decrease of the mean log-likelihood larger than this, relative to max(1, |ℓ|), is reported
   * as a violation of the EM guarantee rather than round-off.
   */
  public static final double DECREASE_TOLERANCE = 1e-10;

  private static final Logger LOG = LoggerFactory.getLogger(ExpectationMaximization.class);

  private ExpectationMaximization() {}

  /**
   * Fits {@code family} to the cached {@code blocks} from {@code start}.
   *
   * @return the result; never throws for non-convergence or degeneracy (see {@link FitStatus})
   */
  public static <B extends DataBlock, P extends Serializable, S extends SufficientStatistics<S>>
      FitResult<P> fit(JavaRDD<B> blocks, ModelFamily<B, P, S> family, P start,
          EmSettings settings, IterationListener listener) {
    long began = System.nanoTime();
    PassResult<S> pass = DistributedPass.run(blocks, family, start);
    double weight = pass.weight();
    List<Double> trace = new ArrayList<>(List.of(pass.logLikelihood()));
    List<Double> objectives =
        new ArrayList<>(List.of(pass.logLikelihood() + family.logPrior(start)));
    List<Double> seconds = new ArrayList<>(List.of(elapsed(began)));
    List<Integer> decreases = new ArrayList<>();
    listener.onIteration(new IterationRecord(
        0, pass.logLikelihood(), pass.logLikelihood() / weight, Double.NaN, seconds.get(0)));
    String failure = checkFinite(pass.logLikelihood(), 0);
    P current = start;
    FitStatus status = failure == null ? FitStatus.MAX_ITERATIONS : FitStatus.DEGENERATE;
    for (int iteration = 1; failure == null && iteration <= settings.maxIterations();
        iteration++) {
      long iterationBegan = System.nanoTime();
      P next;
      try {
        next = family.maximize(pass.statistics(), current);
      } catch (DegenerateModelException e) {
        failure = "M-step of iteration " + iteration + ": " + e.getMessage();
        break;
      }
      PassResult<S> nextPass = DistributedPass.run(blocks, family, next);
      failure = checkFinite(nextPass.logLikelihood(), iteration);
      if (failure != null) {
        break;
      }
      double previousMean = pass.logLikelihood() / weight;
      double mean = nextPass.logLikelihood() / weight;
      double previousObjective = objectives.get(objectives.size() - 1) / weight;
      current = next;
      pass = nextPass;
      trace.add(pass.logLikelihood());
      objectives.add(pass.logLikelihood() + family.logPrior(current));
      double objective = objectives.get(iteration) / weight;
      seconds.add(elapsed(iterationBegan));
      if (objective < previousObjective
          - DECREASE_TOLERANCE * Math.max(1.0, Math.abs(previousObjective))) {
        decreases.add(iteration);
        LOG.error("EM guarantee violated: the mean objective decreased from {} to {} at "
            + "iteration {} (a bug or a numerical failure)", previousObjective, objective,
            iteration);
      }
      listener.onIteration(new IterationRecord(
          iteration, pass.logLikelihood(), mean, mean - previousMean, seconds.get(iteration)));
      if (settings.converged(previousObjective, objective)) {
        status = FitStatus.CONVERGED;
        break;
      }
    }
    if (failure != null) {
      status = FitStatus.DEGENERATE;
      LOG.error("EM stopped: {}", failure);
    }
    return new FitResult<>(current, status, failure, unbox(trace), unbox(objectives),
        unbox(seconds), weight, pass.rows(), decreases);
  }

  private static String checkFinite(double logLikelihood, int iteration) {
    if (Double.isFinite(logLikelihood)) {
      return null;
    }
    return "the log-likelihood after iteration " + iteration + " is " + logLikelihood
        + " (a row has zero density under every component)";
  }

  private static double elapsed(long sinceNanos) {
    return (System.nanoTime() - sinceNanos) / 1e9;
  }

  private static double[] unbox(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).toArray();
  }
}
