package dev.sparkem.mixture;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sparkem.data.RowBlock;
import java.io.Serializable;

/**
 * A fitted finite mixture of any component family, as scoring and the model file see it.
 * Implementations are immutable.
 */
public interface MixtureModel extends Serializable {
  /** The number of components k. */
  int k();

  /** The row width d. */
  int dimension();

  /** The k mixing weights (a copy). */
  double[] weights();

  /**
   * Writes log(w_j) + log p_j(x_i) (natural log) for every row i of {@code block} and component
   * j to the row-major n×k array {@code out}.
   */
  void logJointDensities(RowBlock block, double[] out);

  /** The number of free parameters, as BIC and AIC count them. */
  int parameterCount();

  /**
   * The model as the JSON model file holds it: at least {@code format}, {@code formatVersion},
   * {@code family}, {@code k}, {@code dimension} and {@code weights}, then the family's own keys.
   */
  ObjectNode toJson();
}
