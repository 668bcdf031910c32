package dev.sparkem.engine;

/**
 * The state after one EM iteration, as reported to an {@link IterationListener}.
 *
 * @param run which of the fits of one {@link ExpectationMaximization#fitAll} call (0 when alone)
 * @param iteration the number of M-steps done so far (0 for the start point)
 * @param logLikelihood Σ_i w_i·log p(x_i; θ_iteration), natural log
 * @param meanLogLikelihood {@code logLikelihood} per unit weight
 * @param delta the change since the previous iteration of the mean objective EM maximises (the
 *     mean log-likelihood, plus the log prior per unit weight for smoothed families; NaN at 0)
 * @param seconds wall time of this iteration (the M-step and the pass that scored its result)
 */
public record IterationRecord(int run, int iteration, double logLikelihood,
    double meanLogLikelihood, double delta, double seconds) {}
