# shellcheck shell=bash
# What jobs/submit-local, submit-standalone, submit-yarn and submit-k8s share; sourced, not run.
#
# A launcher sets MASTER, DEPLOY_MODE, TARGET_CONF (extra spark-submit options, an array) and
# optionally DRIVER_OPTIONS (extra JVM options of the driver), then calls `submit "$@"` with the
# launcher's own arguments:
#
#   jobs/submit-TARGET [--print-command] SUBCOMMAND [JOB OPTIONS...]
#     e.g. jobs/submit-yarn fit --conf conf/nightly-fit.properties --output hdfs:///models/x
#
# submit builds the spark-submit command line:
#   - spark-submit is $SPARK_HOME/bin/spark-submit, else `spark-submit` on the PATH, else the
#     project's own Spark runtime (target/spark-home/jars, filled by `mvn package`) run as
#     `java ... org.apache.spark.deploy.SparkSubmit` (client mode only);
#   - the application is target/spark-em.jar, built with `mvn -DskipTests package` when missing
#     (SPARK_EM_JAR overrides it, e.g. local:///opt/spark-em/spark-em.jar inside an image);
#   - the job's `--conf FILE` (a conf/ properties file) is checked to exist; in cluster mode it
#     is shipped with --files and the job is given its base name (the driver's working
#     directory holds it);
#   - Spark's Java 17 module options (target/jvm-options: the --add-opens list and
#     --add-modules=jdk.incubator.vector) go to the driver and the executors;
#   - OPENBLAS_NUM_THREADS=1 for the executors (spark.executorEnv), the driver and, on YARN and
#     Kubernetes, the cluster-mode driver (one BLAS thread per task: Spark runs tasks in
#     parallel already);
#   - SPARK_EM_SUBMIT_ARGS (split on spaces) adds spark-submit options before the jar, e.g.
#     "--num-executors 100 --executor-memory 8g --executor-cores 4".
# --print-command prints the command line (shell-quoted) instead of running it, and builds
# nothing. Exit codes: those of the job (0, 1, 2, 3, 4; see the README), or 2 when the launcher
# cannot find what it needs.

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
MAIN_CLASS="dev.sparkem.cli.SparkEm"

die() {
  echo "$(basename "$0"): $*" >&2
  exit 2
}

# The spark-submit command (as words), into the array SPARK_SUBMIT; $1: the driver's JVM options.
find_spark_submit() {
  if [[ -n "${SPARK_HOME:-}" ]]; then
    [[ -x "$SPARK_HOME/bin/spark-submit" ]] \
      || die "SPARK_HOME=$SPARK_HOME has no executable bin/spark-submit"
    SPARK_SUBMIT=("$SPARK_HOME/bin/spark-submit")
  elif command -v spark-submit >/dev/null 2>&1; then
    SPARK_SUBMIT=("$(command -v spark-submit)")
  elif [[ -d "$root/target/spark-home/jars" && "$DEPLOY_MODE" == client ]]; then
    # The driver runs in this JVM: it needs the module options itself.
    # shellcheck disable=SC2206
    SPARK_SUBMIT=(java $1 -cp "$root/target/spark-home/jars/*" org.apache.spark.deploy.SparkSubmit)
  else
    die "no spark-submit: set SPARK_HOME, put spark-submit on the PATH, or (client mode) run" \
      "'mvn -B -DskipTests package' to get the project's own Spark in target/spark-home"
  fi
}

# Spark's Java 17 module options, one line.
jvm_options() {
  local options="$root/target/jvm-options"
  if [[ ! -f "$options" ]]; then
    (cd "$root" && mvn -q -B generate-resources) >&2 || die "cannot build $options"
  fi
  tr -s '\n' ' ' <"$options" | sed 's/ *$//'
}

# The application jar, built when missing (not in --print-command mode).
application_jar() {
  if [[ -n "${SPARK_EM_JAR:-}" ]]; then
    echo "$SPARK_EM_JAR"
    return
  fi
  local jar="$root/target/spark-em.jar"
  if [[ ! -f "$jar" && "$PRINT_ONLY" != true ]]; then
    echo "$(basename "$0"): building $jar ..." >&2
    (cd "$root" && mvn -q -B -DskipTests package) >&2 || die "cannot build $jar"
  fi
  echo "$jar"
}

submit() {
  PRINT_ONLY=false
  if [[ "${1:-}" == --print-command ]]; then
    PRINT_ONLY=true
    shift
  fi
  [[ $# -ge 1 && "$1" != -* ]] \
    || die "usage: $(basename "$0") [--print-command] SUBCOMMAND [JOB OPTIONS...]"
  local job=("$1") files=() arg file
  shift
  while [[ $# -gt 0 ]]; do
    arg="$1"
    shift
    file=""
    if [[ "$arg" == --conf ]]; then
      [[ $# -gt 0 ]] || die "--conf needs a file"
      file="$1"
      shift
    elif [[ "$arg" == --conf=* ]]; then
      file="${arg#--conf=}"
    fi
    if [[ -z "$file" ]]; then
      job+=("$arg")
      continue
    fi
    [[ -f "$file" ]] || die "conf file '$file' does not exist (the examples are in $root/conf)"
    if [[ "$DEPLOY_MODE" == cluster ]]; then
      files+=("$(cd "$(dirname "$file")" && pwd)/$(basename "$file")")
      job+=(--conf "$(basename "$file")")
    else
      job+=(--conf "$file")
    fi
  done

  local options jar
  options="$(jvm_options)"
  jar="$(application_jar)"
  find_spark_submit "$options ${DRIVER_OPTIONS:-}"
  local command=("${SPARK_SUBMIT[@]}" --master "$MASTER" --deploy-mode "$DEPLOY_MODE"
    --class "$MAIN_CLASS" --name "spark-em ${job[0]}"
    --conf "spark.driver.extraJavaOptions=$options ${DRIVER_OPTIONS:-}"
    --conf "spark.executor.extraJavaOptions=$options"
    --conf spark.executorEnv.OPENBLAS_NUM_THREADS=1
    "${TARGET_CONF[@]}")
  if ((${#files[@]} > 0)); then
    command+=(--files "$(IFS=,; echo "${files[*]}")")
  fi
  # shellcheck disable=SC2206
  command+=(${SPARK_EM_SUBMIT_ARGS:-} "$jar" "${job[@]}")

  if [[ "$PRINT_ONLY" == true ]]; then
    printf '%q ' "${command[@]}"
    echo
    return 0
  fi
  export OPENBLAS_NUM_THREADS="${OPENBLAS_NUM_THREADS:-1}"
  exec "${command[@]}"
}
