package dev.sparkem.training;

import dev.sparkem.data.PackedData;
import dev.sparkem.data.RowBlock;
import dev.sparkem.init.InitMode;
import dev.sparkem.mixture.MixtureModel;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;

/**
 * What the count and binary families share: their start points are random rows (the default)
 * or random responsibilities; k-means does not apply to them.
 */
abstract class CountKind<P extends MixtureModel> implements MixtureKind<P> {
  private static final long serialVersionUID = 1L;

  @Override
  public final List<InitMode> initModes() {
    return List.of(InitMode.RANDOM, InitMode.RANDOM_RESPONSIBILITIES);
  }

  @Override
  public final P supportedStart(InitMode mode, PackedData data, int k, long seed) {
    return mode == InitMode.RANDOM ? randomRows(data.blocks(), k, seed)
        : randomResponsibilities(data.blocks(), k, seed);
  }

  /** The family's start point from k random rows. */
  abstract P randomRows(JavaRDD<RowBlock> blocks, int k, long seed);

  /** The family's M-step of random responsibilities. */
  abstract P randomResponsibilities(JavaRDD<RowBlock> blocks, int k, long seed);
}
