package dev.sparkem.select;

import dev.sparkem.engine.FitResult;
import dev.sparkem.mixture.MixtureModel;

/**
 * Information criteria of a fitted mixture, with scikit-learn's definitions and sign (lower is
 * better): BIC = −2·LL + p·ln n and AIC = −2·LL + 2p, where LL is the natural-log total
 * log-likelihood, p the number of free parameters and n the total weight (the number of rows
 * when unweighted). ICL = BIC + 2·E with E = −Σ_i w_i Σ_j p_ij·ln p_ij the entropy of the
 * posteriors; it is NaN until the entropy is known. mclust reports BIC and ICL with the opposite
 * sign (higher is better).
 *
 * @param parameters p
 * @param logLikelihood LL
 * @param totalWeight n
 * @param entropy E, or NaN when unknown
 */
public record ModelScores(int parameters, double logLikelihood, double totalWeight,
    double entropy) {
  /** The scores of a fit's model, without the entropy. */
  public static ModelScores of(FitResult<? extends MixtureModel> fit) {
    return new ModelScores(fit.model().parameterCount(), fit.logLikelihood(), fit.totalWeight(),
        Double.NaN);
  }

  /** These scores with the posterior entropy E (natural log) known. */
  public ModelScores withEntropy(double value) {
    return new ModelScores(parameters, logLikelihood, totalWeight, value);
  }

  public double bic() {
    return -2 * logLikelihood + parameters * Math.log(totalWeight);
  }

  public double aic() {
    return -2 * logLikelihood + 2 * parameters;
  }

  /** BIC + 2·E; NaN when the entropy is unknown. */
  public double icl() {
    return bic() + 2 * entropy;
  }
}
