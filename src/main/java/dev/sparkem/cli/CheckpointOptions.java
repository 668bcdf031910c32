package dev.sparkem.cli;

import dev.sparkem.checkpoint.Checkpointer;
import dev.sparkem.checkpoint.Fingerprint;
import dev.sparkem.checkpoint.ParameterCodec;
import dev.sparkem.engine.EmState;
import java.io.PrintWriter;
import java.io.Serializable;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Option;

/** {@code --checkpoint-dir} and {@code --resume}: checkpoints of a fit and resuming from them. */
final class CheckpointOptions {
  @Option(names = "--checkpoint-dir", paramLabel = "DIR",
      description = "After every iteration write the state of the fit to DIR (any Hadoop path) "
          + "as checkpoint-NNNNNN.json, atomically, keeping the newest two; they are deleted "
          + "once the output is written.")
  String directory;

  @Option(names = "--resume", arity = "0..1", paramLabel = "true|false",
      description = "Continue from the newest checkpoint in --checkpoint-dir (start afresh when "
          + "there is none); the checkpoint must come from the same input and options.")
  boolean resume;

  /**
   * The checkpointer of {@code --checkpoint-dir}, or empty without it.
   *
   * @param codec how the family's parameters are written and read back
   * @param fingerprint what identifies this run's checkpoints
   * @param seeds the seed of each restart's start point
   * @throws IllegalArgumentException if {@code --resume} is given without {@code
   *     --checkpoint-dir}, or the directory holds checkpoints and {@code --resume} is not given
   */
  <P extends Serializable> Optional<Checkpointer<P>> open(SparkSession spark,
      ParameterCodec<P> codec, Fingerprint fingerprint, long[] seeds) {
    if (directory == null) {
      if (resume) {
        throw new IllegalArgumentException("--resume needs --checkpoint-dir");
      }
      return Optional.empty();
    }
    Path path = new Path(directory);
    Checkpointer<P> checkpointer = new Checkpointer<>(HadoopFiles.fileSystem(spark, path), path,
        fingerprint, codec, seeds);
    List<Path> existing = checkpointer.checkpoints();
    if (!resume && !existing.isEmpty()) {
      throw new IllegalArgumentException("--checkpoint-dir " + directory + " holds "
          + existing.get(0).getName() + " of an earlier run; pass --resume to continue it, or "
          + "remove it to start afresh");
    }
    return Optional.of(checkpointer);
  }

  /**
   * With {@code --resume}, the state of the newest checkpoint, saying on {@code err} where the
   * fit resumes (or that it starts afresh).
   *
   * @throws IllegalArgumentException if the checkpoint was written by a different run, naming
   *     what differs
   */
  Optional<EmState> resumeFrom(Checkpointer<?> checkpointer, PrintWriter err) {
    if (!resume) {
      return Optional.empty();
    }
    Optional<EmState> state = checkpointer.latest();
    err.println(state.map(s -> "spark-em: resuming from " + checkpointer.file(s.iteration())
        + " (iteration " + s.iteration() + ")").orElse("spark-em: no checkpoint in "
        + checkpointer.directory() + "; starting afresh"));
    return state;
  }
}
