package dev.sparkem.engine;

import dev.sparkem.data.DataBlock;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaRDD;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The EM driver loop, the same for every model family. Each iteration runs each fit's M-step on
 * the driver from the statistics of the last pass, then one {@link DistributedPass} under the new
 * parameters of all fits still running, which yields both their log-likelihoods and the
 * statistics for the next M-step. The log-likelihood of every returned model is therefore exact,
 * at the cost of one pass more than iterations. Fits that stop early drop out of later passes.
 * Every pass's Spark jobs carry a description ("EM iteration 7/100 · E-step (3 fits)") for the
 * Spark UI. After the start points are scored and after every iteration the state of all fits
 * ({@link EmState}) can be handed to a checkpoint, and {@link #resumeAll} continues from such a
 * state. Monotonicity and convergence are judged on the objective EM maximises: the log-likelihood plus
 * the family's {@link ModelFamily#logPrior} (0 for maximum likelihood).
 */
public final class ExpectationMaximization {
  /**
   * A decrease of the mean objective larger than this, relative to max(1, |ℓ|), is reported as a
   * violation of the EM guarantee rather than round-off.
   */
  public static final double DECREASE_TOLERANCE = 1e-10;

  /** The Spark local property the UI shows as a job's description. */
  static final String JOB_DESCRIPTION = "spark.job.description";

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
    return fitAll(blocks, family, List.of(start), settings, listener).get(0);
  }

  /** Fits {@code family} from each of {@code starts} (restarts), sharing every pass. */
  @SuppressWarnings("unchecked")
  public static <B extends DataBlock, P extends Serializable, S extends SufficientStatistics<S>>
      List<FitResult<P>> fitAll(JavaRDD<B> blocks, ModelFamily<B, P, S> family, List<P> starts,
          EmSettings settings, IterationListener listener) {
    List<FitSpec<B, ?, ?>> specs = new ArrayList<>();
    starts.forEach(start -> specs.add(new FitSpec<>(family, start)));
    List<FitResult<P>> results = new ArrayList<>();
    fitAll(blocks, specs, settings, listener).forEach(r -> results.add((FitResult<P>) r));
    return results;
  }

  /**
   * Fits every spec (any mix of families and sizes) to {@code blocks}, sharing every pass over
   * the data among the fits still running.
   *
   * @return one result per spec, in order; result i holds the parameter type of spec i
   */
  public static <B extends DataBlock> List<FitResult<?>> fitAll(JavaRDD<B> blocks,
      List<FitSpec<B, ?, ?>> specs, EmSettings settings, IterationListener listener) {
    return fitAll(blocks, specs, settings, listener, EmState.Sink.NONE);
  }

  /**
   * As {@link #fitAll(JavaRDD, List, EmSettings, IterationListener)}, handing the state of every
   * fit to {@code checkpoint} once the start points are scored and after every iteration.
   */
  public static <B extends DataBlock> List<FitResult<?>> fitAll(JavaRDD<B> blocks,
      List<FitSpec<B, ?, ?>> specs, EmSettings settings, IterationListener listener,
      EmState.Sink checkpoint) {
    List<Run<B, ?, ?>> runs = new ArrayList<>();
    for (int i = 0; i < specs.size(); i++) {
      runs.add(Run.start(i, specs.get(i)));
    }
    long began = System.nanoTime();
    List<PassResult<?>> first = pass(blocks, runs, "EM · scoring the start point");
    double seconds = elapsed(began);
    for (int i = 0; i < runs.size(); i++) {
      runs.get(i).begin(first.get(i), seconds, listener);
    }
    checkpoint.accept(state(0, runs));
    return iterate(blocks, runs, 1, settings, listener, checkpoint);
  }

  /**
   * Continues the fits of {@code state} (as {@link #fitAll} handed it to a checkpoint) to the
   * end. One pass under each running fit's current parameters recovers the statistics of its
   * next M-step; from there the iterations are those of the uninterrupted fit, so on the same
   * data and partitioning the results are bit for bit the same. {@code listener} first sees the
   * iterations already done, again, so that its record is complete.
   *
   * @param families the family of each fit of {@code state}, in order (the same as when it was
   *     made); fit i's parameters must be of family i's parameter type
   * @return one result per fit, in order
   * @throws IllegalArgumentException if the number of families is not the number of fits
   */
  public static <B extends DataBlock> List<FitResult<?>> resumeAll(JavaRDD<B> blocks,
      List<? extends ModelFamily<B, ?, ?>> families, EmState state, EmSettings settings,
      IterationListener listener, EmState.Sink checkpoint) {
    if (families.size() != state.fits().size()) {
      throw new IllegalArgumentException("the state holds " + state.fits().size()
          + " fits, but " + families.size() + " families were given");
    }
    List<Run<B, ?, ?>> runs = new ArrayList<>();
    for (int i = 0; i < families.size(); i++) {
      runs.add(Run.restore(i, families.get(i), state.fits().get(i), listener));
    }
    List<Run<B, ?, ?>> running = runs.stream().filter(Run::running).toList();
    if (!running.isEmpty()) {
      List<PassResult<?>> passes =
          pass(blocks, running, "EM · resuming after iteration " + state.iteration());
      for (int i = 0; i < running.size(); i++) {
        running.get(i).resume(passes.get(i));
      }
    }
    return iterate(blocks, runs, state.iteration() + 1, settings, listener, checkpoint);
  }

  /** Iterations {@code from}..max of the fits still running; the results of all fits. */
  private static <B extends DataBlock> List<FitResult<?>> iterate(JavaRDD<B> blocks,
      List<Run<B, ?, ?>> runs, int from, EmSettings settings, IterationListener listener,
      EmState.Sink checkpoint) {
    for (int iteration = from; iteration <= settings.maxIterations(); iteration++) {
      long iterationBegan = System.nanoTime();
      List<Run<B, ?, ?>> active = new ArrayList<>();
      for (Run<B, ?, ?> run : runs) {
        if (run.running() && run.maximize(iteration)) {
          active.add(run);
        }
      }
      if (active.isEmpty()) {
        break;
      }
      List<PassResult<?>> passes = pass(blocks, active,
          "EM iteration " + iteration + "/" + settings.maxIterations() + " · E-step");
      double iterationSeconds = elapsed(iterationBegan);
      for (int i = 0; i < active.size(); i++) {
        active.get(i).accept(passes.get(i), iteration, iterationSeconds, settings, listener);
      }
      checkpoint.accept(state(iteration, runs));
    }
    List<FitResult<?>> results = new ArrayList<>();
    runs.forEach(run -> results.add(run.result(FitStatus.MAX_ITERATIONS)));
    return results;
  }

  private static EmState state(int iteration, List<? extends Run<?, ?, ?>> runs) {
    List<FitResult<?>> fits = new ArrayList<>();
    runs.forEach(run -> fits.add(run.result(FitStatus.RUNNING)));
    return new EmState(iteration, fits);
  }

  /**
   * One pass for {@code runs}, its Spark jobs described as {@code what} (and the number of fits)
   * in the Spark UI; the caller's job description is restored afterwards.
   */
  private static <B extends DataBlock> List<PassResult<?>> pass(JavaRDD<B> blocks,
      List<Run<B, ?, ?>> runs, String what) {
    List<Scoring<B, ?, ?>> scorings = new ArrayList<>();
    runs.forEach(run -> scorings.add(run.scoring()));
    SparkContext context = blocks.context();
    String previous = context.getLocalProperty(JOB_DESCRIPTION);
    context.setLocalProperty(JOB_DESCRIPTION,
        what + " (" + runs.size() + (runs.size() == 1 ? " fit)" : " fits)"));
    try {
      return DistributedPass.runAll(blocks, scorings);
    } finally {
      context.setLocalProperty(JOB_DESCRIPTION, previous);
    }
  }

  private static double elapsed(long sinceNanos) {
    return (System.nanoTime() - sinceNanos) / 1e9;
  }

  /** The state of one fit on the driver. */
  private static final class Run<B extends DataBlock, P extends Serializable,
      S extends SufficientStatistics<S>> {
    private final int index;
    private final ModelFamily<B, P, S> family;
    private P current;
    private P next;
    private PassResult<S> pass;
    private double weight;
    private long rows;
    private final List<Double> trace = new ArrayList<>();
    private final List<Double> objectives = new ArrayList<>();
    private final List<Double> seconds = new ArrayList<>();
    private final List<Integer> decreases = new ArrayList<>();
    private FitStatus status;
    private String failure;

    private Run(int index, ModelFamily<B, P, S> family, P start) {
      this.index = index;
      this.family = family;
      this.current = start;
      this.next = start;
    }

    static <B extends DataBlock, P extends Serializable, S extends SufficientStatistics<S>>
        Run<B, P, S> start(int index, FitSpec<B, P, S> spec) {
      return new Run<>(index, spec.family(), spec.start());
    }

    /** A run in the state {@code fit} records; tells {@code listener} its iterations again. */
    @SuppressWarnings("unchecked")
    static <B extends DataBlock, P extends Serializable, S extends SufficientStatistics<S>>
        Run<B, P, S> restore(int index, ModelFamily<B, P, S> family, FitResult<?> fit,
            IterationListener listener) {
      Run<B, P, S> run = new Run<>(index, family, (P) fit.model());
      run.weight = fit.totalWeight();
      run.rows = fit.rows();
      run.status = fit.status() == FitStatus.RUNNING ? null : fit.status();
      run.failure = fit.message().orElse(null);
      run.decreases.addAll(fit.decreases());
      double[] logLikelihoods = fit.logLikelihoods();
      double[] objectives = fit.objectives();
      double[] seconds = fit.iterationSeconds();
      for (int t = 0; t < logLikelihoods.length; t++) {
        run.trace.add(logLikelihoods[t]);
        run.objectives.add(objectives[t]);
        run.seconds.add(seconds[t]);
        listener.onIteration(new IterationRecord(index, t, logLikelihoods[t],
            logLikelihoods[t] / run.weight,
            t == 0 ? Double.NaN : objectives[t] / run.weight - objectives[t - 1] / run.weight,
            seconds[t]));
      }
      return run;
    }

    boolean running() {
      return status == null;
    }

    /** The scoring of the parameters the next pass evaluates. */
    Scoring<B, P, S> scoring() {
      return new Scoring<>(family, next);
    }

    @SuppressWarnings("unchecked")
    void begin(PassResult<?> result, double passSeconds, IterationListener listener) {
      pass = (PassResult<S>) result;
      weight = pass.weight();
      rows = pass.rows();
      trace.add(pass.logLikelihood());
      objectives.add(pass.logLikelihood() + family.logPrior(current));
      seconds.add(passSeconds);
      listener.onIteration(new IterationRecord(index, 0, pass.logLikelihood(),
          pass.logLikelihood() / weight, Double.NaN, passSeconds));
      fail(nonFinite(pass.logLikelihood(), 0));
    }

    /**
     * Takes the pass under the restored current parameters as the statistics of the next M-step.
     * Its log-likelihood is the last one of the trace unless the data or its partitioning differ
     * from the run that was checkpointed; that is logged, since the fit then goes on from the
     * checkpoint but no longer repeats the uninterrupted fit bit for bit.
     */
    @SuppressWarnings("unchecked")
    void resume(PassResult<?> result) {
      pass = (PassResult<S>) result;
      double recorded = trace.get(trace.size() - 1);
      if (pass.logLikelihood() != recorded || pass.weight() != weight) {
        LOG.warn("fit {} resumed: the log-likelihood of its parameters is now {} (weight {}), "
            + "the checkpoint recorded {} (weight {}); the data or its partitioning differ from "
            + "the checkpointed run", index, pass.logLikelihood(), pass.weight(), recorded,
            weight);
      }
    }

    /** The M-step of {@code iteration}; false when it failed (the run is then over). */
    boolean maximize(int iteration) {
      try {
        next = family.maximize(pass.statistics(), current);
        return true;
      } catch (DegenerateModelException e) {
        fail("M-step of iteration " + iteration + ": " + e.getMessage());
        return false;
      }
    }

    @SuppressWarnings("unchecked")
    void accept(PassResult<?> result, int iteration, double iterationSeconds,
        EmSettings settings, IterationListener listener) {
      PassResult<S> nextPass = (PassResult<S>) result;
      if (fail(nonFinite(nextPass.logLikelihood(), iteration))) {
        return;
      }
      double previous = objectives.get(objectives.size() - 1) / weight;
      double allowance = family.decreaseAllowance(current, next);
      current = next;
      pass = nextPass;
      trace.add(pass.logLikelihood());
      objectives.add(pass.logLikelihood() + family.logPrior(current));
      seconds.add(iterationSeconds);
      double objective = objectives.get(objectives.size() - 1) / weight;
      if (objective < previous - allowance
          - DECREASE_TOLERANCE * Math.max(1.0, Math.abs(previous))) {
        decreases.add(iteration);
        LOG.error("EM guarantee violated in fit {}: the mean objective decreased from {} to {} "
            + "at iteration {} (a bug or a numerical failure)", index, previous, objective,
            iteration);
      }
      listener.onIteration(new IterationRecord(index, iteration, pass.logLikelihood(),
          pass.logLikelihood() / weight, objective - previous, iterationSeconds));
      if (settings.converged(previous, objective)) {
        status = FitStatus.CONVERGED;
      }
    }

    private static String nonFinite(double logLikelihood, int iteration) {
      return Double.isFinite(logLikelihood) ? null : "the log-likelihood after iteration "
          + iteration + " is " + logLikelihood + " (a row has zero density under every component)";
    }

    /** Ends the run as degenerate when {@code message} is not null; returns whether it did. */
    private boolean fail(String message) {
      if (message == null) {
        return false;
      }
      failure = message;
      status = FitStatus.DEGENERATE;
      LOG.error("EM fit {} stopped: {}", index, message);
      return true;
    }

    /** The result so far, with status {@code unfinished} if the run has not stopped. */
    FitResult<P> result(FitStatus unfinished) {
      return new FitResult<>(current, status == null ? unfinished : status, failure,
          trace.stream().mapToDouble(Double::doubleValue).toArray(),
          objectives.stream().mapToDouble(Double::doubleValue).toArray(),
          seconds.stream().mapToDouble(Double::doubleValue).toArray(), weight, rows, decreases);
    }
  }
}
