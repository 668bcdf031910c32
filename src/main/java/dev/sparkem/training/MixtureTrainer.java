package dev.sparkem.training;

import dev.sparkem.data.PackedData;
import dev.sparkem.data.RowBlock;
import dev.sparkem.engine.EmSettings;
import dev.sparkem.engine.EmState;
import dev.sparkem.engine.ExpectationMaximization;
import dev.sparkem.engine.FitResult;
import dev.sparkem.engine.FitSpec;
import dev.sparkem.engine.FitStatus;
import dev.sparkem.engine.IterationListener;
import dev.sparkem.engine.ModelFamily;
import dev.sparkem.engine.SufficientStatistics;
import dev.sparkem.mixture.MixtureModel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Trains mixtures of any family: makes the start points of every restart of every plan, fits them
 * all together so that each EM iteration reads the data once for all of them
 * ({@link ExpectationMaximization#fitAll}), and keeps the best restart of each plan.
 */
public final class MixtureTrainer {
  private MixtureTrainer() {}

  /**
   * Trains one plan.
   *
   * @throws IllegalArgumentException if a given start point does not match the plan or data, or
   *     the init mode does not apply to the family
   * @throws dev.sparkem.data.InvalidDataException if k exceeds the number of rows
   */
  public static <P extends MixtureModel> MixtureTraining<P> train(PackedData data,
      TrainingPlan<P> plan, EmSettings settings, IterationListener listener) {
    return train(data, plan, settings, listener, EmState.Sink.NONE);
  }

  /**
   * As {@link #train(PackedData, TrainingPlan, EmSettings, IterationListener)}, handing the state
   * of every restart to {@code checkpoint} once the start points are scored and after every
   * iteration.
   */
  public static <P extends MixtureModel> MixtureTraining<P> train(PackedData data,
      TrainingPlan<P> plan, EmSettings settings, IterationListener listener,
      EmState.Sink checkpoint) {
    List<FitSpec<RowBlock, ?, ?>> specs = new ArrayList<>();
    addSpecs(data, plan, specs);
    return collect(plan,
        ExpectationMaximization.fitAll(data.blocks(), specs, settings, listener, checkpoint));
  }

  /**
   * Continues the training of {@code plan} from {@code state}, one fit per restart as
   * {@link #train} handed it to a checkpoint: no start points are made, and on the same data the
   * result is bit for bit that of the uninterrupted training
   * ({@link ExpectationMaximization#resumeAll}).
   *
   * @throws IllegalArgumentException if the state does not hold one fit per restart of the plan,
   *     or a fit's parameters do not match the plan's k or the data's dimension
   */
  public static <P extends MixtureModel> MixtureTraining<P> resume(PackedData data,
      TrainingPlan<P> plan, EmState state, EmSettings settings, IterationListener listener,
      EmState.Sink checkpoint) {
    if (state.fits().size() != plan.nInit()) {
      throw new IllegalArgumentException("the state holds " + state.fits().size()
          + " fits, expected one per restart (" + plan.nInit() + ")");
    }
    for (FitResult<?> fit : state.fits()) {
      @SuppressWarnings("unchecked")
      P model = (P) fit.model();
      plan.kind().checkGiven(model, plan.k(), data);
    }
    List<ModelFamily<RowBlock, P, ?>> families =
        Collections.nCopies(plan.nInit(), plan.kind().family());
    return collect(plan, ExpectationMaximization.resumeAll(data.blocks(), families, state,
        settings, listener, checkpoint));
  }

  /**
   * Trains several plans (any mix of families and sizes) in shared passes, each with its own
   * restarts.
   *
   * @return one training per plan, in order; training i has the parameter type of plan i
   * @throws IllegalArgumentException as {@link #train}
   */
  public static List<MixtureTraining<?>> trainAll(PackedData data,
      List<? extends TrainingPlan<?>> plans, EmSettings settings, IterationListener listener) {
    List<FitSpec<RowBlock, ?, ?>> specs = new ArrayList<>();
    for (TrainingPlan<?> plan : plans) {
      addSpecs(data, plan, specs);
    }
    List<FitResult<?>> fits =
        ExpectationMaximization.fitAll(data.blocks(), specs, settings, listener);
    List<MixtureTraining<?>> results = new ArrayList<>();
    int next = 0;
    for (TrainingPlan<?> plan : plans) {
      results.add(collect(plan, fits.subList(next, next + plan.nInit())));
      next += plan.nInit();
    }
    return results;
  }

  private static <P extends MixtureModel> void addSpecs(PackedData data, TrainingPlan<P> plan,
      List<FitSpec<RowBlock, ?, ?>> specs) {
    if (plan.given() != null) {
      plan.kind().checkGiven(plan.given(), plan.k(), data);
    }
    data.requireRowsFor(plan.k());
    for (int r = 0; r < plan.nInit(); r++) {
      P start = plan.given() != null ? plan.given()
          : plan.kind().start(plan.init(), data, plan.k(), plan.restartSeed(r));
      specs.add(spec(plan.kind().family(), start));
    }
  }

  private static <P extends MixtureModel, S extends SufficientStatistics<S>>
      FitSpec<RowBlock, P, S> spec(ModelFamily<RowBlock, P, S> family, P start) {
    return new FitSpec<>(family, start);
  }

  @SuppressWarnings("unchecked")
  private static <P extends MixtureModel> MixtureTraining<P> collect(TrainingPlan<P> plan,
      List<FitResult<?>> fits) {
    List<FitResult<P>> restarts = new ArrayList<>();
    fits.forEach(fit -> restarts.add((FitResult<P>) fit));
    return new MixtureTraining<>(plan, restarts, best(restarts));
  }

  static <P extends java.io.Serializable> int best(List<FitResult<P>> restarts) {
    boolean anyValid = restarts.stream().anyMatch(f -> f.status() != FitStatus.DEGENERATE);
    int best = -1;
    for (int r = 0; r < restarts.size(); r++) {
      FitResult<P> fit = restarts.get(r);
      if (anyValid && fit.status() == FitStatus.DEGENERATE) {
        continue;
      }
      if (best < 0 || fit.logLikelihood() > restarts.get(best).logLikelihood()) {
        best = r;
      }
    }
    return best;
  }
}
