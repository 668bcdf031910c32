package dev.sparkem.checkpoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sparkem.engine.EmState;
import dev.sparkem.engine.FitResult;
import dev.sparkem.engine.FitStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the state of a fit after every iteration to {@code DIR/checkpoint-NNNNNN.json} (NNNNNN
 * the iteration) on any Hadoop file system, and reads the newest one back to resume. A
 * checkpoint holds each fit's parameters (through the family's {@link ParameterCodec}), its
 * status, log-likelihood and objective traces, times and weight, the iteration, the seeds the
 * start points were drawn from (EM draws no random numbers after them) and the run's
 * {@link Fingerprint}. Each file is written to a hidden temporary file in DIR and then renamed,
 * so a reader sees whole checkpoints only; the newest {@value #KEPT} are kept. Doubles are
 * written as the shortest decimal that reads back to the same bits, so a resumed fit repeats the
 * uninterrupted one exactly. Every I/O failure is thrown as {@link UncheckedIOException} naming
 * the file.
 *
 * @param <P> the parameters of the family
 */
public final class Checkpointer<P extends Serializable> implements EmState.Sink {
  /** The value of {@code format} in a checkpoint. */
  public static final String FORMAT = "spark-em-checkpoint";
  /** The version written, and the newest one read. */
  public static final int FORMAT_VERSION = 1;
  /** How many checkpoints are kept: the newest one, and one more should it be unreadable. */
  public static final int KEPT = 2;

  private static final Pattern NAME = Pattern.compile("checkpoint-(\\d{6,})\\.json");
  private static final String TEMPORARY_PREFIX = ".checkpoint-";
  private static final Logger LOG = LoggerFactory.getLogger(Checkpointer.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final FileSystem fs;
  private final Path directory;
  private final Fingerprint fingerprint;
  private final ParameterCodec<P> codec;
  private final long[] seeds;

  /**
   * @param directory where checkpoints go; created on the first write
   * @param fingerprint the run's fingerprint, written into every checkpoint and required of the
   *     one resumed
   * @param seeds the seed of each fit's start point, in fit order (the random state)
   */
  public Checkpointer(FileSystem fs, Path directory, Fingerprint fingerprint,
      ParameterCodec<P> codec, long[] seeds) {
    this.fs = fs;
    this.directory = fs.makeQualified(directory);
    this.fingerprint = fingerprint;
    this.codec = codec;
    this.seeds = seeds.clone();
  }

  /** The directory checkpoints are written to. */
  public Path directory() {
    return directory;
  }

  /** The file of the checkpoint after {@code iteration}. */
  public Path file(int iteration) {
    return new Path(directory, String.format(Locale.ROOT, "checkpoint-%06d.json", iteration));
  }

  /** Writes the checkpoint of {@code state} atomically, then deletes all but the newest kept. */
  @Override
  public void accept(EmState state) {
    Path target = file(state.iteration());
    Path temporary = new Path(directory, TEMPORARY_PREFIX
        + String.format(Locale.ROOT, "%06d", state.iteration()) + ".json.tmp");
    try {
      fs.mkdirs(directory);
      try (OutputStream out = fs.create(temporary, true)) {
        out.write(JSON.writeValueAsBytes(toJson(state)));
      }
      if (fs.exists(target)) {
        fs.delete(target, false);
      }
      if (!fs.rename(temporary, target)) {
        throw new IOException("cannot rename " + temporary + " to " + target);
      }
      List<Path> all = checkpoints();
      for (Path old : all.subList(Math.min(KEPT, all.size()), all.size())) {
        fs.delete(old, false);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the checkpoint " + target, e);
    }
  }

  /** The checkpoint files in the directory, newest (highest iteration) first. */
  public List<Path> checkpoints() {
    try {
      if (!fs.exists(directory)) {
        return List.of();
      }
      List<Path> files = new ArrayList<>();
      for (FileStatus status : fs.listStatus(directory)) {
        if (status.isFile() && NAME.matcher(status.getPath().getName()).matches()) {
          files.add(status.getPath());
        }
      }
      files.sort(Comparator.comparingLong((Path file) -> iterationOf(file)).reversed());
      return files;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the checkpoints in " + directory, e);
    }
  }

  private static long iterationOf(Path file) {
    Matcher m = NAME.matcher(file.getName());
    if (!m.matches()) {
      throw new IllegalStateException(file + " is not a checkpoint file");
    }
    return Long.parseLong(m.group(1));
  }

  /**
   * The state of the newest readable checkpoint, or empty when there is none; a checkpoint that
   * cannot be parsed (e.g. cut short by a failing disk) is skipped with a warning and the one
   * before it is read.
   *
   * @throws IllegalArgumentException if the newest readable checkpoint was written by a run with
   *     another fingerprint, naming every value that differs
   */
  public Optional<EmState> latest() {
    for (Path file : checkpoints()) {
      JsonNode root;
      try (InputStream in = fs.open(file)) {
        root = JSON.readTree(in.readAllBytes());
      } catch (JsonProcessingException e) {
        LOG.warn("skipping the checkpoint {}: not valid JSON ({})", file, e.getOriginalMessage());
        continue;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the checkpoint " + file, e);
      }
      try {
        return Optional.of(fromJson(root, file.toString()));
      } catch (MalformedCheckpointException e) {
        LOG.warn("skipping the checkpoint {}: {}", file, e.getMessage());
      }
    }
    return Optional.empty();
  }

  /**
   * Deletes every checkpoint and temporary file this class writes, and the directory when that
   * leaves it empty: called once the fit's output is committed.
   */
  public void clear() {
    try {
      if (!fs.exists(directory)) {
        return;
      }
      for (FileStatus status : fs.listStatus(directory)) {
        String name = status.getPath().getName();
        if (NAME.matcher(name).matches() || name.startsWith(TEMPORARY_PREFIX)) {
          fs.delete(status.getPath(), false);
        }
      }
      if (fs.listStatus(directory).length == 0) {
        fs.delete(directory, false);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove the checkpoints in " + directory, e);
    }
  }

  private ObjectNode toJson(EmState state) {
    ObjectNode root = JSON.createObjectNode();
    root.put("format", FORMAT);
    root.put("formatVersion", FORMAT_VERSION);
    root.put("iteration", state.iteration());
    root.put("createdAt", Instant.now().toString());
    root.set("fingerprint", fingerprint.toJson());
    ArrayNode seedArray = root.putObject("random").putArray("seeds");
    for (long seed : seeds) {
      seedArray.add(seed);
    }
    ArrayNode fits = root.putArray("fits");
    for (FitResult<?> fit : state.fits()) {
      @SuppressWarnings("unchecked")
      FitResult<P> typed = (FitResult<P>) fit;
      ObjectNode node = fits.addObject();
      node.put("status", fit.status().name());
      node.put("message", fit.message().orElse(null));
      node.put("totalWeight", fit.totalWeight());
      node.put("rows", fit.rows());
      addAll(node.putArray("logLikelihoodTrace"), fit.logLikelihoods());
      addAll(node.putArray("objectiveTrace"), fit.objectives());
      addAll(node.putArray("seconds"), fit.iterationSeconds());
      ArrayNode decreases = node.putArray("decreases");
      fit.decreases().forEach(decreases::add);
      node.set("parameters", codec.writer().apply(typed.model()));
    }
    return root;
  }

  private static void addAll(ArrayNode into, double[] values) {
    for (double v : values) {
      into.add(v);
    }
  }

  /** A checkpoint that cannot be used; the one before it is tried. */
  private static final class MalformedCheckpointException extends Exception {
    private static final long serialVersionUID = 1L;

    MalformedCheckpointException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * The state in {@code root}. The fingerprint is compared before the fits are read, so that a
   * checkpoint of another family is refused for what it is rather than skipped as unreadable.
   */
  private EmState fromJson(JsonNode root, String source) throws MalformedCheckpointException {
    Fingerprint written;
    try {
      if (!FORMAT.equals(root.path("format").asText())
          || root.path("formatVersion").asInt(Integer.MAX_VALUE) > FORMAT_VERSION) {
        throw new IllegalArgumentException("format is " + root.get("format") + " version "
            + root.get("formatVersion") + ", expected " + FORMAT + " up to version "
            + FORMAT_VERSION);
      }
      written = Fingerprint.fromJson(root.get("fingerprint"), source);
    } catch (IllegalArgumentException e) {
      throw new MalformedCheckpointException(e.getMessage(), e);
    }
    List<String> differences = written.differences(fingerprint);
    if (!differences.isEmpty()) {
      throw new IllegalArgumentException("the checkpoint " + source
          + " was written by a different run: " + String.join("; ", differences)
          + "; resume with the input and options it was written with, or start afresh with "
          + "another checkpoint directory");
    }
    try {
      List<FitResult<?>> fits = new ArrayList<>();
      JsonNode fitArray = required(root, "fits", source);
      for (int i = 0; i < fitArray.size(); i++) {
        fits.add(fit(fitArray.get(i), source + " fits[" + i + "]"));
      }
      return new EmState(required(root, "iteration", source).asInt(), fits);
    } catch (IllegalArgumentException e) {
      throw new MalformedCheckpointException(e.getMessage(), e);
    }
  }

  private FitResult<P> fit(JsonNode node, String source) {
    List<Integer> decreases = new ArrayList<>();
    required(node, "decreases", source).forEach(d -> decreases.add(d.asInt()));
    JsonNode message = node.get("message");
    return FitResult.restore(
        codec.reader().apply(required(node, "parameters", source), source + ".parameters"),
        FitStatus.valueOf(required(node, "status", source).asText()),
        message == null || message.isNull() ? null : message.asText(),
        doubles(node, "logLikelihoodTrace", source), doubles(node, "objectiveTrace", source),
        doubles(node, "seconds", source), number(required(node, "totalWeight", source), source + " totalWeight"),
        required(node, "rows", source).asLong(), decreases);
  }

  private static JsonNode required(JsonNode node, String key, String source) {
    JsonNode value = node.get(key);
    if (value == null || value.isNull()) {
      throw new IllegalArgumentException(source + ": key '" + key + "' is missing");
    }
    return value;
  }

  private static double[] doubles(JsonNode node, String key, String source) {
    JsonNode array = required(node, key, source);
    double[] values = new double[array.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = number(array.get(i), source + " " + key + "[" + i + "]");
    }
    return values;
  }

  /** A number, or the strings Jackson writes for the non-finite doubles (NaN, ±Infinity). */
  private static double number(JsonNode value, String source) {
    if (value.isNumber()) {
      return value.doubleValue();
    }
    if (value.isTextual()) {
      switch (value.asText()) {
        case "NaN":
          return Double.NaN;
        case "Infinity":
          return Double.POSITIVE_INFINITY;
        case "-Infinity":
          return Double.NEGATIVE_INFINITY;
        default:
          break;
      }
    }
    throw new IllegalArgumentException(source + " is " + value + ", expected a number");
  }
}
