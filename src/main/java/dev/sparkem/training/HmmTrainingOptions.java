package dev.sparkem.training;

import dev.sparkem.hmm.BaumWelchSettings;
import dev.sparkem.hmm.EmissionType;
import dev.sparkem.hmm.HmmParameters;
import dev.sparkem.init.InitMode;

/**
 * What HMM to fit: n states with an emission type, from nInit start points of {@code init}
 * (restart r uses {@link TrainingPlan#restartSeed(long, int)}) or from given parameters, with
 * the M-step's pseudo-counts and fixed parts.
 *
 * @param states the number of hidden states n, ≥ 1
 * @param emission the emission type (ignored when {@code given} is set: its own type is used)
 * @param init {@link InitMode#RANDOM} or {@link InitMode#KMEANS} (not categorical); ignored when
 *     {@code given} is set
 * @param nInit restarts, ≥ 1 (1 when {@code given} is set); the best final log-likelihood wins
 * @param seed the seed of restart 0 and of the data sample start points are made from
 * @param given start parameters, or null
 * @param symbols the number of symbols M of a categorical emission, or 0 for the largest symbol
 *     in the data plus 1
 * @param estimation pseudo-counts and what the M-step learns
 */
public record HmmTrainingOptions(int states, EmissionType emission, InitMode init, int nInit,
    long seed, HmmParameters given, int symbols, BaumWelchSettings estimation) {
  /** @throws IllegalArgumentException naming the value that is out of range */
  public HmmTrainingOptions {
    if (states < 1) {
      throw new IllegalArgumentException("states is " + states + ", expected >= 1");
    }
    if (nInit < 1) {
      throw new IllegalArgumentException("nInit is " + nInit + ", expected >= 1");
    }
    if (given != null && nInit != 1) {
      throw new IllegalArgumentException(
          "nInit is " + nInit + " but a start point was given, expected 1");
    }
    if (given != null && given.states() != states) {
      throw new IllegalArgumentException("the start point has " + given.states()
          + " states, expected " + states);
    }
    if (given == null && init != InitMode.RANDOM && init != InitMode.KMEANS) {
      throw new IllegalArgumentException("init is " + init + ", expected random or kmeans (or "
          + "given parameters)");
    }
    if (symbols < 0) {
      throw new IllegalArgumentException("symbols is " + symbols + ", expected >= 0");
    }
    if (estimation == null) {
      throw new IllegalArgumentException("estimation is null, expected Baum-Welch settings");
    }
  }

  /** Maximum likelihood from {@code init}, symbols from the data. */
  public static HmmTrainingOptions of(int states, EmissionType emission, InitMode init,
      int nInit, long seed) {
    return new HmmTrainingOptions(states, emission, init, nInit, seed, null, 0,
        BaumWelchSettings.MAXIMUM_LIKELIHOOD);
  }

  /** The emission type that will be fitted: the given parameters' or {@link #emission()}. */
  public EmissionType emissionType() {
    return given != null ? EmissionType.of(given.emission()) : emission;
  }
}
