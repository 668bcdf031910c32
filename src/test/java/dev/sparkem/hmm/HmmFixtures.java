package dev.sparkem.hmm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sparkem.testing.ReferenceData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/** Reads the HMM reference data and the parameter layout of the reference JSON files. */
final class HmmFixtures {
  static final String SYMBOLS = "ACGT";

  private HmmFixtures() {}

  /** The λ-phage genome as symbols 0..3 (A, C, G, T). */
  static int[] lambdaPhage() {
    try {
      StringBuilder bases = new StringBuilder();
      for (String line : Files.readAllLines(
          ReferenceData.ROOT.resolve("hmm/lambda_phage_NC_001416.fa"))) {
        if (!line.startsWith(">")) {
          bases.append(line.trim());
        }
      }
      return symbols(bases.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static int[] symbols(String bases) {
    int[] x = new int[bases.length()];
    for (int t = 0; t < x.length; t++) {
      x[t] = SYMBOLS.indexOf(bases.charAt(t));
      if (x[t] < 0) {
        throw new IllegalStateException("base " + bases.charAt(t) + " at " + t);
      }
    }
    return x;
  }

  /** The Nile flows as a sequence of 1-D observations. */
  static double[][] nile() {
    double[][] rows = ReferenceData.firstColumns("hmm/nile.csv", 2);
    double[][] x = new double[rows.length][];
    for (int t = 0; t < rows.length; t++) {
      x[t] = new double[] {rows[t][1]};
    }
    return x;
  }

  /** Parameters from {start, transitions, emissions} in the categorical file's layout. */
  static HmmParameters categorical(JsonNode node) {
    return HmmParameters.of(ReferenceData.vector(node.get("start")),
        ReferenceData.matrix(node.get("transitions")),
        CategoricalEmission.of(ReferenceData.matrix(node.get("emissions").get(0))));
  }

  /** Parameters from {start, transitions, emissions = [rates]} (Poisson). */
  static HmmParameters poisson(JsonNode node) {
    return HmmParameters.of(ReferenceData.vector(node.get("start")),
        ReferenceData.matrix(node.get("transitions")),
        PoissonEmission.of(ReferenceData.vector(node.get("emissions").get(0))));
  }

  /** The earthquake counts 1900–2006 as one sequence of counts. */
  static int[] earthquakes() {
    double[][] rows = ReferenceData.firstColumns("counts/earthquakes_1900_2006.csv", 2);
    int[] x = new int[rows.length];
    for (int t = 0; t < x.length; t++) {
      x[t] = (int) rows[t][1];
    }
    return x;
  }

  /** Parameters from {start, transitions, emissions = [means, sds]} (1-D Gaussian). */
  static HmmParameters gaussian(JsonNode node) {
    double[] means = ReferenceData.vector(node.get("emissions").get(0));
    double[] sds = ReferenceData.vector(node.get("emissions").get(1));
    double[][] mu = new double[means.length][1];
    double[][] var = new double[means.length][1];
    for (int k = 0; k < means.length; k++) {
      mu[k][0] = means[k];
      var[k][0] = sds[k] * sds[k];
    }
    return HmmParameters.of(ReferenceData.vector(node.get("start")),
        ReferenceData.matrix(node.get("transitions")), GaussianEmission.diagonal(mu, var));
  }
}
