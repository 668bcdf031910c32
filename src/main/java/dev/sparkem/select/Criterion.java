package dev.sparkem.select;

import java.util.Locale;

/** The information criterion a selection minimises (scikit-learn's sign: lower is better). */
public enum Criterion {
  BIC,
  AIC,
  /** BIC plus twice the posterior entropy: prefers well-separated clusters. */
  ICL;

  /** Parses {@code bic}, {@code aic} or {@code icl} (any case). */
  public static Criterion parse(String name) {
    for (Criterion c : values()) {
      if (c.name().equalsIgnoreCase(name.trim())) {
        return c;
      }
    }
    throw new IllegalArgumentException("unknown criterion '" + name + "', expected bic, aic or icl");
  }

  /** The value of this criterion in {@code scores}. */
  public double of(ModelScores scores) {
    return switch (this) {
      case BIC -> scores.bic();
      case AIC -> scores.aic();
      case ICL -> scores.icl();
    };
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
