package dev.sparkem.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sparkem.data.PackedData;
import dev.sparkem.engine.DegenerateModelException;
import dev.sparkem.engine.FitResult;
import dev.sparkem.init.InitMode;
import dev.sparkem.mixture.gaussian.CovarianceType;
import dev.sparkem.mixture.gaussian.GaussianMixtureParameters;
import dev.sparkem.report.Table;
import dev.sparkem.select.Candidate;
import dev.sparkem.select.Criterion;
import dev.sparkem.select.ModelSelection;
import dev.sparkem.select.Selection;
import dev.sparkem.training.GaussianKind;
import dev.sparkem.training.TrainingOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code select}: fits a grid of k × covariance type and keeps the best by a criterion. */
@Command(name = "select", mixinStandardHelpOptions = true,
    description = {"Fit Gaussian mixtures for every k and covariance type of a grid, in shared "
        + "passes over the data, and report BIC, AIC and ICL for each (scikit-learn's sign: lower "
        + "is better). Writes OUTPUT/selection.json (the table), OUTPUT/model.json (the "
        + "winner, as fit writes it) and the winner's OUTPUT/convergence.png and "
        + "OUTPUT/report.html (with the table).",
        "Options may also come from --conf FILE; the command line wins."})
final class SelectCommand implements Callable<Integer>, Configuration.Aware {
  static final String SELECTION_FILE = "selection.json";

  @Mixin
  InputOptions input;

  @Mixin
  EmOptions em;

  @Option(names = "--k-values", split = ",", paramLabel = "K", defaultValue = "1,2,3,4,5",
      description = "Numbers of components to try (default: ${DEFAULT-VALUE}).")
  List<Integer> ks;

  @Option(names = "--covariance-types", split = ",", paramLabel = "TYPE",
      defaultValue = "full,tied,diag,spherical",
      description = "Covariance types to try (default: ${DEFAULT-VALUE}).")
  List<String> types;

  @Option(names = "--criterion", paramLabel = "bic|aic|icl", defaultValue = "bic",
      description = "What picks the winner (default: ${DEFAULT-VALUE}).")
  String criterion;

  @Option(names = "--init", paramLabel = "MODE", defaultValue = "kmeans",
      description = "Start points of every model: kmeans, k-means++, random or "
          + "random-responsibilities (default: ${DEFAULT-VALUE}).")
  String init;

  @Mixin
  OutputOption output;

  @Spec
  CommandSpec spec;

  private Configuration configuration;

  @Override
  public void configuration(Configuration configuration) {
    this.configuration = configuration;
  }

  @Override
  public Integer call() throws IOException {
    Criterion chosen = Criterion.parse(criterion);
    List<CovarianceType> grid = types.stream().map(CovarianceType::parse).toList();
    TrainingOptions base = new TrainingOptions(1, CovarianceType.FULL, em.regCovar(),
        InitMode.parse(init), em.nInit, em.seed, em.settings());
    SparkSession spark = SparkSession.builder().appName("spark-em select").getOrCreate();
    try (OutputDirectory out = output.prepare(spark)) {
      PackedData data = em.pack(input.read(spark), input.features);
      try {
        Selection selection = ModelSelection.select(data, ks, grid, base, chosen,
            record -> { });
        if (selection.winner() < 0) {
          throw new DegenerateModelException("every model of the grid degenerated: "
              + selection.candidates().get(0).training().bestFit().message().orElse(""));
        }
        Candidate winner = selection.candidates().get(selection.winner());
        ObjectNode provenance = JsonNodeFactory.instance.objectNode();
        provenance.put("input", input.input);
        provenance.put("inputFormat", input.format().toString());
        provenance.put("init", init);
        em.record(provenance);
        provenance.put("regCovar", em.regCovar());
        provenance.put("sparkVersion", spark.version());
        FitReport<GaussianMixtureParameters> report =
            new FitReport<>(provenance, data.features(),
                new GaussianKind(winner.training().options().type(), em.regCovar()),
                winner.training(), List.of(), null);
        report.writeModelAndReport(out, report.title("select") + " (winner by "
            + selection.criterion() + ")", List.of(selectionTable(selection),
                configuration.table()));
        out.writeText(SELECTION_FILE, new ObjectMapper().writerWithDefaultPrettyPrinter()
            .writeValueAsString(table(selection)));
        out.commit();
        print(selection, data, spec.commandLine().getOut());
      } finally {
        data.release();
      }
    }
    return 0;
  }

  /** selection.json: the criterion, the winner's index and one row per model. */
  private static ObjectNode table(Selection selection) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.put("criterion", selection.criterion().toString());
    root.put("winner", selection.winner());
    ArrayNode rows = root.putArray("models");
    for (Candidate c : selection.candidates()) {
      FitResult<GaussianMixtureParameters> fit = c.training().bestFit();
      ObjectNode row = rows.addObject();
      row.put("k", c.training().options().k());
      row.put("covarianceType", c.training().options().type().toString());
      row.put("logLikelihood", fit.logLikelihood());
      row.put("parameters", c.scores().parameters());
      row.put("bic", c.scores().bic());
      row.put("aic", c.scores().aic());
      row.put("icl", c.scores().icl());
      row.put("iterations", fit.iterations());
      row.put("status", status(c));
      fit.message().ifPresent(m -> row.put("message", m));
      ArrayNode collapsed = row.putArray("collapsedComponents");
      c.collapsed().forEach(collapsed::add);
    }
    return root;
  }

  /** The grid as a table of the HTML report. */
  private static Table selectionTable(Selection selection) {
    Table table = new Table("selection", "Models of the grid (winner by "
        + selection.criterion() + ")", List.of("k", "covariance", "log-likelihood",
            "parameters", "BIC", "AIC", "ICL", "iterations", "status", "winner"));
    for (int i = 0; i < selection.candidates().size(); i++) {
      Candidate c = selection.candidates().get(i);
      FitResult<GaussianMixtureParameters> fit = c.training().bestFit();
      table.row(c.training().options().k(), c.training().options().type().toString(),
          fit.logLikelihood(), c.scores().parameters(), c.scores().bic(), c.scores().aic(),
          c.scores().icl(), fit.iterations(), status(c), i == selection.winner() ? "winner" : "");
    }
    return table;
  }

  /** The fit's status, or "collapsed" when a component collapsed onto the ridge. */
  private static String status(Candidate c) {
    return c.collapsed().isEmpty()
        ? c.training().bestFit().status().toString().toLowerCase(Locale.ROOT) : "collapsed";
  }

  private void print(Selection selection, PackedData data, PrintWriter out) {
    out.printf(Locale.ROOT, "spark-em select: %d models on %d rows (features %s); winner by %s%n",
        selection.candidates().size(), data.rows(), String.join(", ", data.features().names()),
        selection.criterion());
    out.println("k   covariance  log-likelihood      params  BIC            AIC            ICL"
        + "            status");
    for (int i = 0; i < selection.candidates().size(); i++) {
      Candidate c = selection.candidates().get(i);
      FitResult<GaussianMixtureParameters> fit = c.training().bestFit();
      out.printf(Locale.ROOT, "%-3d %-11s %-19.6f %-7d %-14.4f %-14.4f %-14.4f %s%s%n",
          c.training().options().k(), c.training().options().type(), fit.logLikelihood(),
          c.scores().parameters(), c.scores().bic(), c.scores().aic(), c.scores().icl(),
          status(c), i == selection.winner() ? "  <- winner" : "");
    }
    out.println("output: " + output.output + " (" + String.join(", ", FitCommand.MODEL_FILE,
        SELECTION_FILE, FitReport.PLOT_FILE, FitReport.HTML_FILE) + ")");
  }
}
