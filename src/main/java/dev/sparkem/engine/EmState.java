package dev.sparkem.engine;

import java.util.List;

/**
 * The state of every fit of one {@link ExpectationMaximization} call after an iteration: each
 * fit's current parameters, its log-likelihood and objective traces so far and its status
 * ({@link FitStatus#RUNNING} while it goes on). It is all a checkpoint needs: EM draws no random
 * numbers after the start points, and the statistics of the next M-step come from one pass under
 * the current parameters, so {@link ExpectationMaximization#resumeAll} continues from it to the
 * same result, bit for bit, as the uninterrupted fit (same data and partitioning).
 *
 * @param iteration the number of EM iterations done (0: the start points have been scored)
 * @param fits one entry per fit, in the order of the call's specs
 */
public record EmState(int iteration, List<FitResult<?>> fits) {
  /** @throws IllegalArgumentException if {@code iteration} is negative or there is no fit */
  public EmState {
    if (iteration < 0) {
      throw new IllegalArgumentException("iteration is " + iteration + ", expected >= 0");
    }
    if (fits.isEmpty()) {
      throw new IllegalArgumentException("an EM state needs at least one fit");
    }
    fits = List.copyOf(fits);
  }

  /** Called on the driver with the state after every iteration, e.g. to write a checkpoint. */
  @FunctionalInterface
  public interface Sink {
    /** A sink that keeps nothing. */
    Sink NONE = state -> { };

    void accept(EmState state);
  }
}
