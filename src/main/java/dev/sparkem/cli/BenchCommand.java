package dev.sparkem.cli;

import dev.sparkem.data.FeatureColumns;
import dev.sparkem.data.PackedData;
import dev.sparkem.data.Packing;
import dev.sparkem.engine.EmSettings;
import dev.sparkem.engine.ExpectationMaximization;
import dev.sparkem.engine.FitResult;
import dev.sparkem.engine.IterationListener;
import dev.sparkem.mixture.PartitionStreams;
import dev.sparkem.mixture.RandomStarts;
import dev.sparkem.mixture.gaussian.CovarianceType;
import dev.sparkem.mixture.gaussian.GaussianMixtureFamily;
import dev.sparkem.mixture.gaussian.GaussianMixtureParameters;
import dev.sparkem.mixture.gaussian.GaussianMixtureSampler;
import dev.sparkem.mixture.gaussian.GaussianStarts;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.clustering.GaussianMixture;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code bench}: per-iteration fit time of spark-em and of Spark MLlib's {@code GaussianMixture}
 * (full covariance, tol 0, fixed iterations) on the same cached data and partitions, in one JVM.
 * Prints one {@code bench ...} line of key=value pairs per measurement (seconds, GFLOP/s, bytes).
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = {"Generate N rows of a random D-dimensional K-component Gaussian mixture in "
        + "memory, cache them, and time EM fits (full covariance unless --covariance says "
        + "otherwise) of spark-em and of Spark MLlib's GaussianMixture on them (one warm-up fit "
        + "each, then --runs timed fits of --iterations iterations with tol 0). Prints "
        + "machine-readable 'bench ...' lines: one per system, their ratio, the GFLOP/s of "
        + "spark-em's level-3 kernels against a DGEMM measured in the same JVM, the cached size "
        + "of the blocks, and peak heap."})
final class BenchCommand implements Callable<Integer> {
  @Option(names = "--n", paramLabel = "N", defaultValue = "100000",
      description = "Rows (default: ${DEFAULT-VALUE}).")
  long rows;

  @Option(names = "--d", paramLabel = "D", defaultValue = "10",
      description = "Dimension (default: ${DEFAULT-VALUE}).")
  int dimension;

  @Option(names = "--k", paramLabel = "K", defaultValue = "5",
      description = "Components (default: ${DEFAULT-VALUE}).")
  int k;

  @Option(names = "--partitions", paramLabel = "P", defaultValue = "4",
      description = "Partitions of the generated data (default: ${DEFAULT-VALUE}).")
  int partitions;

  @Option(names = "--seed", paramLabel = "SEED", defaultValue = "1",
      description = "Seed of the mixture, the draws and the starts (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--iterations", paramLabel = "T", defaultValue = "5",
      description = "EM iterations per fit (default: ${DEFAULT-VALUE}).")
  int iterations;

  @Option(names = "--runs", paramLabel = "R", defaultValue = "3",
      description = "Timed fits per system after the warm-up (default: ${DEFAULT-VALUE}).")
  int runs;

  @Option(names = "--systems", paramLabel = "LIST", defaultValue = "spark-em,mllib",
      split = ",", description = "Which systems to time (default: ${DEFAULT-VALUE}).")
  List<String> systems;

  @Option(names = "--covariance", paramLabel = "TYPE", defaultValue = "full",
      description = "spark-em's covariance type: full, tied, diag or spherical. The data come "
          + "from a random mixture with full covariances, or diagonal ones for diag and "
          + "spherical (no d×d matrix at all, for very wide data). MLlib fits full covariances "
          + "only: other types need --systems spark-em (default: ${DEFAULT-VALUE}).")
  String covariance;

  @Option(names = "--block-size-mb", paramLabel = "MB", defaultValue = "4",
      description = "Byte budget of one cached block of rows (default: ${DEFAULT-VALUE}).")
  double blockSizeMb;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    if (rows < 1 || dimension < 1 || k < 1 || partitions < 1 || iterations < 1 || runs < 1
        || !(blockSizeMb > 0)) {
      throw new IllegalArgumentException("--n, --d, --k, --partitions, --iterations, --runs and "
          + "--block-size-mb must be >= 1 (block size > 0), found " + rows + ", " + dimension
          + ", " + k + ", " + partitions + ", " + iterations + ", " + runs + ", " + blockSizeMb);
    }
    for (String system : systems) {
      if (!system.equals("spark-em") && !system.equals("mllib")) {
        throw new IllegalArgumentException(
            "--systems has '" + system + "', expected spark-em and/or mllib");
      }
    }
    CovarianceType type = CovarianceType.parse(covariance);
    if (type != CovarianceType.FULL && systems.contains("mllib")) {
      throw new IllegalArgumentException("--covariance " + covariance + ": MLlib's "
          + "GaussianMixture fits full covariances only; pass --systems spark-em");
    }
    PrintWriter out = spec.commandLine().getOut();
    SparkSession spark = SparkSession.builder().appName("spark-em bench").getOrCreate();
    String shape = String.format(Locale.ROOT,
        "n=%d d=%d k=%d partitions=%d iterations=%d covariance=%s", rows, dimension, k,
        partitions, iterations, type);
    Dataset<Row> vectors = generate(spark, type).persist(StorageLevel.MEMORY_AND_DISK());
    long counted = vectors.count();
    PackedData packed = PackedData.pack(vectors,
        FeatureColumns.resolve(vectors, List.of(), List.of()), null,
        Packing.DEFAULT.withBlockBytes((long) (blockSizeMb * (1 << 20))));
    long cached = BenchMeasurements.cachedBytes(spark, packed.blocks().rdd().id());
    out.printf(Locale.ROOT, "bench data %s rows=%d cached_block_bytes=%d raw_bytes_8nd=%d "
        + "cache_ratio=%.3f blas=%s kernel=%s%n", shape, counted, cached, 8L * rows * dimension,
        cached / (8.0 * rows * dimension), BenchMeasurements.blasName(),
        GaussianMixtureFamily.fullCovarianceKernel(dimension));
    out.flush();
    double ours = Double.NaN;
    double theirs = Double.NaN;
    if (systems.contains("spark-em")) {
      ours = timeSparkEm(packed, type, shape, out);
    }
    if (systems.contains("mllib")) {
      theirs = timeMllib(vectors, shape, out);
    }
    if (systems.contains("spark-em") && systems.contains("mllib")) {
      out.printf(Locale.ROOT, "bench ratio %s mllib_over_spark_em=%.2f%n", shape,
          theirs / ours);
    }
    out.printf(Locale.ROOT, "bench memory %s peak_heap_mb=%.0f max_heap_mb=%.0f%n", shape,
        BenchMeasurements.peakHeapBytes() / 1048576.0,
        Runtime.getRuntime().maxMemory() / 1048576.0);
    packed.release();
    vectors.unpersist(false);
    return 0;
  }

  /**
   * N rows in one vector column "features", each partition drawn from its own stream, from a
   * random mixture with diagonal covariances for {@code diag} and {@code spherical}, else full.
   */
  private Dataset<Row> generate(SparkSession spark, CovarianceType type) {
    SplittableRandom random = new SplittableRandom(seed);
    GaussianMixtureParameters mixture =
        type == CovarianceType.DIAG || type == CovarianceType.SPHERICAL
            ? GaussianMixtureSampler.randomDiagonalMixture(k, dimension, random)
            : GaussianMixtureSampler.randomMixture(k, dimension, random);
    long total = rows;
    int parts = partitions;
    long drawSeed = seed;
    List<Integer> indices = new ArrayList<>();
    for (int p = 0; p < parts; p++) {
      indices.add(p);
    }
    JavaRDD<Row> draws = JavaSparkContext.fromSparkContext(spark.sparkContext())
        .parallelize(indices, parts)
        .flatMap(p -> rowsOf(mixture, drawSeed, p,
            PartitionStreams.start(total, parts, p + 1) - PartitionStreams.start(total, parts, p)));
    StructType schema = DataTypes.createStructType(List.of(DataTypes.createStructField(
        FeatureColumns.DEFAULT_VECTOR_COLUMN, SQLDataTypes.VectorType(), false)));
    return spark.createDataFrame(draws, schema);
  }

  private static Iterator<Row> rowsOf(GaussianMixtureParameters mixture, long seed, int p,
      long count) {
    GaussianMixtureSampler sampler =
        new GaussianMixtureSampler(mixture, PartitionStreams.random(seed, p));
    return new Iterator<>() {
      private long drawn;

      @Override
      public boolean hasNext() {
        return drawn < count;
      }

      @Override
      public Row next() {
        drawn++;
        double[] x = new double[mixture.dimension()];
        sampler.sample(x);
        return RowFactory.create(Vectors.dense(x));
      }
    };
  }

  /**
   * Median seconds per iteration of spark-em; prints its line and, for full covariances, the
   * GFLOP/s line.
   */
  private double timeSparkEm(PackedData packed, CovarianceType type, String shape,
      PrintWriter out) {
    double[][] startRows = RandomStarts.randomRows(packed.blocks(), k, seed);
    GaussianMixtureParameters start = GaussianStarts.fromRows(packed.blocks(), startRows,
        type, GaussianMixtureFamily.DEFAULT_REG_COVAR);
    GaussianMixtureFamily family =
        new GaussianMixtureFamily(type, GaussianMixtureFamily.DEFAULT_REG_COVAR);
    EmSettings settings = new EmSettings(iterations, 0, 0);
    double[] perIteration = new double[runs];
    double[] inLoop = new double[runs];
    double logLikelihood = Double.NaN;
    for (int r = -1; r < runs; r++) {
      long began = System.nanoTime();
      FitResult<GaussianMixtureParameters> fit = ExpectationMaximization.fit(
          packed.blocks(), family, start, settings, IterationListener.NONE);
      double seconds = (System.nanoTime() - began) / 1e9;
      if (r >= 0) {
        perIteration[r] = seconds / iterations;
        double[] each = fit.iterationSeconds();
        inLoop[r] = BenchMeasurements.median(Arrays.copyOfRange(each, 1, each.length));
        logLikelihood = fit.meanLogLikelihood();
      }
    }
    double median = BenchMeasurements.median(perIteration);
    double loop = BenchMeasurements.median(inLoop);
    out.printf(Locale.ROOT, "bench system=spark-em %s seconds_per_iteration_median=%.4f "
        + "engine_iteration_seconds_median=%.4f runs=%d all=%s mean_log_likelihood=%.6f%n",
        shape, median, loop, runs, BenchMeasurements.list(perIteration), logLikelihood);
    if (type == CovarianceType.FULL) {
      printGflops(loop, shape, out);
    }
    out.flush();
    return median;
  }

  /** The GFLOP/s line of full covariances: the level-3 rate of one pass against DGEMM. */
  private void printGflops(double loop, String shape, PrintWriter out) {
    // Level-3 flops of one pass: per component a triangular solve L⁻¹(X − μ)ᵀ (n·d² flops) and
    // a rank-n update of the scatter (dsyrk, n·d·(d+1) flops): 2·n·k·d² in all.
    double flops = 2.0 * rows * k * (double) dimension * dimension;
    double[] dgemm = BenchMeasurements.dgemmGflops(1000);
    out.printf(Locale.ROOT, "bench gflops %s spark_em_level3_gflops=%.3f "
        + "flops_per_iteration=2nkd^2=%.4g dgemm_n1000_gflops_1thread=%.2f "
        + "dgemm_n1000_gflops_2threads=%.2f fraction_of_2thread_dgemm=%.4f blas=%s%n", shape,
        flops / loop / 1e9, flops, dgemm[0], dgemm[1], flops / loop / 1e9 / dgemm[1],
        BenchMeasurements.blasName());
  }

  /** Median seconds per iteration of MLlib's GaussianMixture; prints its line. */
  private double timeMllib(Dataset<Row> vectors, String shape, PrintWriter out) {
    GaussianMixture mllib = new GaussianMixture().setK(k).setMaxIter(iterations).setTol(0.0)
        .setSeed(seed).setFeaturesCol(FeatureColumns.DEFAULT_VECTOR_COLUMN);
    double[] perIteration = new double[runs];
    double logLikelihood = Double.NaN;
    for (int r = -1; r < runs; r++) {
      long began = System.nanoTime();
      var model = mllib.fit(vectors);
      double seconds = (System.nanoTime() - began) / 1e9;
      if (r >= 0) {
        perIteration[r] = seconds / iterations;
        logLikelihood = model.summary().logLikelihood() / rows;
      }
    }
    double median = BenchMeasurements.median(perIteration);
    out.printf(Locale.ROOT, "bench system=mllib %s seconds_per_iteration_median=%.4f runs=%d "
        + "all=%s mean_log_likelihood=%.6f%n", shape, median, runs,
        BenchMeasurements.list(perIteration), logLikelihood);
    out.flush();
    return median;
  }
}
